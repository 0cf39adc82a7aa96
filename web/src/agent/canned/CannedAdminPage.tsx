// #/canned: supervisors and administrators manage the team's canned replies (list, filter,
// create, edit, delete), the tenant's categories (add, rename, delete) and import/export with a
// per-row report. Agents' personal replies are private and never shown here.

import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import type { CannedCategory, CannedReply } from '../api';
import type { WorkspaceController, WorkspaceState } from '../controller';
import { formatOfFileName } from '../kb/format';
import { ImportErrors } from '../kb/ImportErrors';
import type { ImportFormat } from '../kb/api';
import type { AgentT } from '../messages';
import { cannedApi, type CannedImportReport } from './api';
import { CannedForm, cannedErrorText, type CannedDraft } from './CannedForm';
import { CannedModal } from './CannedModal';
import '../kb/kb.css';
import './canned.css';

/** The server's limit for one import (docs/protocol.md). */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

interface Props {
  controller: WorkspaceController;
  state: WorkspaceState;
  t: AgentT;
}

export function CannedAdminPage({ controller, state, t }: Props) {
  const [replies, setReplies] = useState<readonly CannedReply[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = async () => {
    try {
      setReplies(await cannedApi.list('team'));
      setError(null);
    } catch (e) {
      setError(cannedErrorText(e, t));
    }
    // The workspace's panel and "/code" popup show the same replies and categories.
    void controller.loadCanned();
  };
  useEffect(() => {
    void reload();
  }, []);

  return (
    <main class="kb-main" aria-labelledby="cn-page-title">
      <div class="kb-page">
        <header class="kb-page-head">
          <h1 id="cn-page-title">{t('canned.admin.title')}</h1>
        </header>
        <p class="ws-muted kb-help">{t('canned.admin.help')}</p>
        {notice && (
          <p class="kb-notice" role="status">
            <span>{notice}</span>
            <button type="button" class="ws-icon-btn" aria-label={t('canned.admin.close')} onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        )}
        {error && (
          <p class="ws-error" role="alert">
            {error}
          </p>
        )}
        <RepliesSection replies={replies} state={state} t={t} onChanged={reload} onNotice={setNotice} />
        <CategoriesSection categories={state.cannedCategories} replies={replies ?? []} t={t} onChanged={reload} />
        <ImportSection t={t} onImported={reload} />
        <ExportSection t={t} />
      </div>
    </main>
  );
}

interface RepliesProps {
  replies: readonly CannedReply[] | null;
  state: WorkspaceState;
  t: AgentT;
  onChanged: () => Promise<void>;
  onNotice: (text: string) => void;
}

type Editing = { reply: CannedReply | null; draft: CannedDraft };

function RepliesSection({ replies, state, t, onChanged, onNotice }: RepliesProps) {
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const filterId = useId();
  const categories = state.cannedCategories;
  const names = useMemo(() => new Map(categories.map((c) => [c.id, c.name])), [categories]);

  const shown = (replies ?? []).filter((r) =>
    filter === '' ? true : filter === 'none' ? r.category_id === null || !names.has(r.category_id) : r.category_id === filter,
  );

  const open = (reply: CannedReply | null) => {
    setError(null);
    setEditing({
      reply,
      draft: reply
        ? { code: reply.code, title: reply.title, text: reply.text, category_id: reply.category_id, scope: 'team' }
        : { code: '', title: '', text: '', category_id: filter && filter !== 'none' ? filter : null, scope: 'team' },
    });
  };

  const save = async () => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    const { scope, ...input } = editing.draft;
    try {
      const saved = editing.reply ? await cannedApi.update(editing.reply.id, input) : await cannedApi.create(input, scope);
      setEditing(null);
      onNotice(t('canned.saved', { code: saved.code }));
      await onChanged();
    } catch (e) {
      setError(cannedErrorText(e, t, input.code));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    setError(null);
    try {
      await cannedApi.remove(deleting.id);
      onNotice(t('canned.admin.deleted', { code: deleting.code }));
      setDeleting(null);
      await onChanged();
    } catch (e) {
      setError(cannedErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="cn-replies-title">
      <div class="kb-section-head">
        <h2 id="cn-replies-title">{t('canned.admin.replies')}</h2>
        <button type="button" class="ws-btn ws-btn-primary" onClick={() => open(null)}>
          {t('canned.admin.new')}
        </button>
      </div>
      <div class="kb-toolbar">
        <div class="kb-inline-field">
          <label for={filterId}>{t('canned.admin.filter')}</label>
          <select id={filterId} value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('canned.all')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="none">{t('canned.uncategorised')}</option>
          </select>
        </div>
        {replies && <span class="ws-muted ws-small">{t('canned.admin.count', { count: shown.length })}</span>}
      </div>
      {replies === null ? null : shown.length === 0 ? (
        <p class="ws-muted">{t('canned.admin.empty')}</p>
      ) : (
        <div class="kb-table-wrap">
          <table class="kb-table cn-table" aria-labelledby="cn-replies-title">
            <thead>
              <tr>
                <th scope="col">{t('canned.field.code')}</th>
                <th scope="col">{t('canned.field.title')}</th>
                <th scope="col">{t('canned.field.text')}</th>
                <th scope="col">{t('canned.field.category')}</th>
                <th scope="col">{t('canned.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-code={r.code}>
                  <th scope="row">
                    <span class="ws-code">/{r.code}</span>
                  </th>
                  <td>{r.title}</td>
                  <td class="cn-cell-text">{r.text}</td>
                  <td>{(r.category_id && names.get(r.category_id)) || t('canned.uncategorised')}</td>
                  <td class="cn-actions">
                    <button type="button" class="ws-link-btn" onClick={() => open(r)}>
                      {t('canned.admin.editAction')}
                    </button>
                    <button
                      type="button"
                      class="ws-link-btn cn-danger"
                      onClick={() => {
                        setError(null);
                        setDeleting(r);
                      }}
                    >
                      {t('canned.admin.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <CannedModal
          title={editing.reply ? t('canned.admin.edit') : t('canned.admin.new')}
          t={t}
          submitLabel={t('canned.save')}
          canSubmit={editing.draft.code.trim() !== '' && editing.draft.text.trim() !== ''}
          busy={busy}
          error={error}
          onSubmit={() => void save()}
          onClose={() => setEditing(null)}
        >
          <CannedForm
            draft={editing.draft}
            onChange={(draft) => setEditing({ ...editing, draft })}
            categories={categories}
            scopes={null}
            lang={state.lang}
            t={t}
          />
        </CannedModal>
      )}
      {deleting && (
        <CannedModal
          title={t('canned.admin.delete')}
          t={t}
          submitLabel={t('canned.admin.delete')}
          canSubmit
          busy={busy}
          error={error}
          danger
          onSubmit={() => void remove()}
          onClose={() => setDeleting(null)}
        >
          <p>{t('canned.admin.confirmDelete', { code: deleting.code })}</p>
        </CannedModal>
      )}
    </section>
  );
}

interface CategoriesProps {
  categories: readonly CannedCategory[];
  replies: readonly CannedReply[];
  t: AgentT;
  onChanged: () => Promise<void>;
}

function CategoriesSection({ categories, replies, t, onChanged }: CategoriesProps) {
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ category: CannedCategory; name: string } | null>(null);
  const [deleting, setDeleting] = useState<CannedCategory | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameId = useId();

  const run = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      after();
      await onChanged();
    } catch (e) {
      setError(cannedErrorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="cn-categories-title">
      <div class="kb-section-head">
        <h2 id="cn-categories-title">{t('canned.admin.categories')}</h2>
      </div>
      <form
        class="kb-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() !== '') void run(() => cannedApi.createCategory(name.trim()), () => setName(''));
        }}
      >
        <div class="kb-inline-field">
          <label for={nameId}>{t('canned.admin.categoryName')}</label>
          <input id={nameId} maxLength={32} value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="ws-btn" disabled={busy || name.trim() === ''}>
          {t('canned.admin.addCategory')}
        </button>
      </form>
      {error && !renaming && !deleting && (
        <p class="ws-error" role="alert">
          {error}
        </p>
      )}
      <ul class="cn-category-list" aria-labelledby="cn-categories-title">
        {categories.map((c) => (
          <li key={c.id} class="cn-category">
            <span class="cn-category-name">{c.name}</span>
            <span class="ws-muted ws-small">
              {t('canned.admin.categoryReplies', { count: replies.filter((r) => r.category_id === c.id).length })}
            </span>
            <span class="cn-actions">
              <button
                type="button"
                class="ws-link-btn"
                aria-label={`${t('canned.admin.rename')} ${c.name}`}
                onClick={() => {
                  setError(null);
                  setRenaming({ category: c, name: c.name });
                }}
              >
                {t('canned.admin.rename')}
              </button>
              <button
                type="button"
                class="ws-link-btn cn-danger"
                aria-label={`${t('canned.admin.delete')} ${c.name}`}
                onClick={() => {
                  setError(null);
                  setDeleting(c);
                }}
              >
                {t('canned.admin.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {renaming && (
        <CannedModal
          title={t('canned.admin.rename')}
          t={t}
          submitLabel={t('canned.save')}
          canSubmit={renaming.name.trim() !== ''}
          busy={busy}
          error={error}
          onSubmit={() => void run(() => cannedApi.renameCategory(renaming.category.id, renaming.name.trim()), () => setRenaming(null))}
          onClose={() => setRenaming(null)}
        >
          <div class="cn-field">
            <label for={`${nameId}-rename`}>{t('canned.admin.categoryName')}</label>
            <input
              id={`${nameId}-rename`}
              maxLength={32}
              value={renaming.name}
              onInput={(e) => setRenaming({ ...renaming, name: (e.currentTarget as HTMLInputElement).value })}
            />
          </div>
        </CannedModal>
      )}
      {deleting && (
        <CannedModal
          title={t('canned.admin.delete')}
          t={t}
          submitLabel={t('canned.admin.delete')}
          canSubmit
          busy={busy}
          error={error}
          danger
          onSubmit={() => void run(() => cannedApi.removeCategory(deleting.id), () => setDeleting(null))}
          onClose={() => setDeleting(null)}
        >
          <p>{t('canned.admin.confirmDeleteCategory', { name: deleting.name })}</p>
        </CannedModal>
      )}
    </section>
  );
}

function ImportSection({ t, onImported }: { t: AgentT; onImported: () => Promise<void> }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<CannedImportReport | null>(null);
  const id = useId();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file || busy) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setError(cannedErrorText({ status: 413 }, t));
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await cannedApi.importFile(file, format, 'team'));
      await onImported();
    } catch (err) {
      setError(cannedErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="kb-section" aria-labelledby="cn-import-title">
      <div class="kb-section-head">
        <h2 id="cn-import-title">{t('canned.admin.importTitle')}</h2>
      </div>
      <p class="ws-muted kb-help">{t('canned.admin.importHelp')}</p>
      <form class="kb-toolbar" onSubmit={(e) => void submit(e)}>
        <div class="kb-inline-field">
          <label for={id}>{t('canned.admin.file')}</label>
          <input
            id={id}
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            onChange={(e) => {
              const picked = (e.currentTarget as HTMLInputElement).files?.[0] ?? null;
              setFile(picked);
              setError(null);
              const guessed = picked ? formatOfFileName(picked.name) : null;
              if (guessed) setFormat(guessed);
            }}
          />
        </div>
        <div class="kb-inline-field">
          <label for={`${id}-format`}>{t('canned.admin.format')}</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat((e.currentTarget as HTMLSelectElement).value as ImportFormat)}>
            <option value="csv">CSV</option>
            <option value="jsonl">JSON Lines</option>
          </select>
        </div>
        <button type="submit" class="ws-btn ws-btn-primary" disabled={!file || busy}>
          {busy ? t('canned.admin.importing') : t('canned.admin.importStart')}
        </button>
      </form>
      {error && (
        <p class="ws-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div class="kb-report" role="region" aria-label={t('canned.admin.report')} data-testid="canned-import-report">
          <p role="status">
            {t('canned.admin.reportSummary', {
              rows: report.rows,
              created: report.created,
              updated: report.updated,
              rejected: report.rejected,
            })}
          </p>
          {report.categories_created.length > 0 && (
            <p class="ws-muted ws-small">{t('canned.admin.reportCategories', { names: report.categories_created.join('、') })}</p>
          )}
          {report.errors.length > 0 && (
            <div class="kb-table-wrap kb-errors">
              <ImportErrors
                errors={report.errors}
                caption={t('canned.admin.errors')}
                lineLabel={t('canned.admin.line')}
                reasonLabel={t('canned.admin.reason')}
              />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ExportSection({ t }: { t: AgentT }) {
  return (
    <section class="kb-section" aria-labelledby="cn-export-title">
      <div class="kb-section-head">
        <h2 id="cn-export-title">{t('canned.admin.exportTitle')}</h2>
      </div>
      <p class="ws-muted kb-help">{t('canned.admin.exportHelp')}</p>
      <div class="kb-toolbar">
        <a class="ws-btn" href={cannedApi.exportUrl('csv', 'team')} download="">
          {t('canned.admin.exportCsv')}
        </a>
        <a class="ws-btn" href={cannedApi.exportUrl('jsonl', 'team')} download="">
          {t('canned.admin.exportJsonl')}
        </a>
      </div>
    </section>
  );
}
