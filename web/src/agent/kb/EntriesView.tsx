// The entries of the knowledge base: search, category filter, paging, create, edit, delete.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { kbApi, type KbCategory, type KbEntry } from './api';
import { ConfirmDialog } from './Dialog';
import { EntryForm } from './EntryForm';
import { percent, validityOf } from './format';
import { ErrorLine, Notice } from './Feedback';
import { errorText, type KbT } from './messages';

const PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  t: KbT;
}

interface Page {
  entries: KbEntry[];
  total: number;
  /** The search these entries answer. */
  q: string;
  category: string;
}

export function EntriesView({ t }: Props) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [categories, setCategories] = useState<KbCategory[]>([]);
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<KbEntry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<KbEntry | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const filterId = useId();

  // Debounce the search box; a new search starts at the first page.
  useEffect(() => {
    const trimmed = search.trim();
    if (trimmed === q) return;
    const timer = setTimeout(() => {
      setQ(trimmed);
      setOffset(0);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, q]);

  // Only the newest request may update the table (answers can arrive out of order).
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    kbApi
      .entries({ q, category, offset, limit: PAGE_SIZE })
      .then((data) => {
        if (ticket !== latest.current) return;
        setPage({ ...data, q, category });
        setError(null);
      })
      .catch((e: unknown) => {
        if (ticket === latest.current) setError(errorText(e, t));
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
    // `t` only formats errors: a language switch need not refetch.
  }, [q, category, offset, reload]);

  useEffect(() => {
    kbApi.categories().then(setCategories, () => setCategories([]));
  }, [reload]);

  const refresh = () => setReload((n) => n + 1);

  const onSaved = (entry: KbEntry, created: boolean) => {
    setEditing(null);
    setNotice(t(created ? 'entries.created' : 'entries.updated', { question: entry.question }));
    refresh();
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await kbApi.deleteEntry(deleting.id);
      setNotice(t('entries.deleted', { question: deleting.question }));
      setDeleting(null);
      // Deleting the last row of a page goes back one page.
      if (page && page.entries.length === 1 && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
      refresh();
    } catch (e) {
      setDeleteError(errorText(e, t));
    } finally {
      setDeleteBusy(false);
    }
  };

  const entries = page?.entries ?? [];
  const total = page?.total ?? 0;
  const searching = q !== '';

  return (
    <section class="kb-section" aria-labelledby="kb-entries-title">
      <div class="kb-section-head">
        <h2 id="kb-entries-title">{t('entries.title')}</h2>
        <button type="button" class="ws-btn ws-btn-primary" onClick={() => setEditing('new')}>
          {t('entries.new')}
        </button>
      </div>

      <div class="kb-toolbar" role="search">
        <label class="kb-search">
          <span class="ws-visually-hidden">{t('entries.search')}</span>
          <input
            type="search"
            placeholder={t('entries.searchPlaceholder')}
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <div class="kb-inline-field">
          <label for={filterId}>{t('entries.categoryFilter')}</label>
          <select
            id={filterId}
            value={category}
            onChange={(e) => {
              setCategory((e.currentTarget as HTMLSelectElement).value);
              setOffset(0);
            }}
          >
            <option value="">{t('entries.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <Notice text={notice} t={t} onDismiss={() => setNotice(null)} />
      <ErrorLine text={error} />

      <div class="kb-table-wrap">
        <table
          class="kb-table"
          aria-busy={loading}
          data-testid="kb-entries"
          data-query={page?.q ?? ''}
          data-category={page?.category ?? ''}
        >
          <caption class="ws-visually-hidden">{t('entries.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entries.col.question')}</th>
              <th scope="col">{t('entries.col.category')}</th>
              <th scope="col" class="kb-num">
                {t('entries.col.similar')}
              </th>
              <th scope="col">{t('entries.col.enabled')}</th>
              <th scope="col">{t('entries.col.validity')}</th>
              <th scope="col" class="kb-num">
                {t('entries.col.helpful')}
              </th>
              <th scope="col" class="kb-num">
                {t('entries.col.notHelpful')}
              </th>
              {searching && (
                <th scope="col" class="kb-num">
                  {t('entries.col.confidence')}
                </th>
              )}
              <th scope="col">
                <span class="ws-visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <EntryRow
                key={entry.id}
                entry={entry}
                t={t}
                searching={searching}
                onEdit={() => setEditing(entry)}
                onDelete={() => {
                  setDeleteError(null);
                  setDeleting(entry);
                }}
              />
            ))}
          </tbody>
        </table>
        {!loading && page && entries.length === 0 && (
          <p class="kb-empty">{searching || category ? t('entries.noMatch') : t('entries.empty')}</p>
        )}
      </div>

      <Pager t={t} offset={offset} count={entries.length} total={total} onOffset={setOffset} />

      {editing && (
        <EntryForm
          t={t}
          entry={editing === 'new' ? null : editing}
          categories={categories}
          onSaved={(e) => onSaved(e, editing === 'new')}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          t={t}
          title={t('entries.deleteTitle')}
          message={t('entries.deleteConfirm', { question: deleting.question })}
          confirmLabel={t('common.delete')}
          busy={deleteBusy}
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

interface RowProps {
  entry: KbEntry;
  t: KbT;
  searching: boolean;
  onEdit: () => void;
  onDelete: () => void;
}

function EntryRow({ entry, t, searching, onEdit, onDelete }: RowProps) {
  const validity = validityOf(entry);
  const range =
    validity === 'always'
      ? t('validity.always')
      : `${entry.valid_from?.slice(0, 10) ?? '…'} – ${entry.valid_to?.slice(0, 10) ?? '…'}`;
  return (
    <tr data-entry={entry.id}>
      <th scope="row" class="kb-question">
        <span class="kb-question-text">{entry.question}</span>
        {entry.tags.length > 0 && (
          <span class="kb-tags">
            {entry.tags.map((tag) => (
              <span key={tag} class="kb-tag">
                {tag}
              </span>
            ))}
          </span>
        )}
      </th>
      <td>{entry.category || <span class="ws-muted">{t('entry.noCategory')}</span>}</td>
      <td class="kb-num">{entry.similar.length}</td>
      <td>
        <span class={`kb-pill ${entry.enabled ? 'kb-pill-on' : 'kb-pill-off'}`}>
          {entry.enabled ? t('entries.enabled') : t('entries.disabled')}
        </span>
      </td>
      <td>
        <span class="kb-validity">{range}</span>
        {(validity === 'pending' || validity === 'expired') && (
          <span class={`kb-pill kb-pill-${validity}`}>{t(`validity.${validity}`)}</span>
        )}
      </td>
      <td class="kb-num">{entry.helpful}</td>
      <td class="kb-num">{entry.not_helpful}</td>
      {searching && <td class="kb-num">{percent(entry.confidence)}</td>}
      <td class="kb-actions">
        <button type="button" class="ws-btn kb-btn-sm" aria-label={t('entries.editLabel', { question: entry.question })} onClick={onEdit}>
          {t('common.edit')}
        </button>
        <button
          type="button"
          class="ws-btn kb-btn-sm kb-btn-danger"
          aria-label={t('entries.deleteLabel', { question: entry.question })}
          onClick={onDelete}
        >
          {t('common.delete')}
        </button>
      </td>
    </tr>
  );
}

interface PagerProps {
  t: KbT;
  offset: number;
  count: number;
  total: number;
  onOffset: (offset: number) => void;
}

function Pager({ t, offset, count, total, onOffset }: PagerProps) {
  const from = count === 0 ? 0 : offset + 1;
  const to = offset + count;
  return (
    <nav class="kb-pager" aria-label={t('pager.label')}>
      <span class="ws-muted" role="status" data-testid="kb-entries-range">
        {t('pager.range', { from, to, total })}
      </span>
      <button type="button" class="ws-btn kb-btn-sm" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        {t('pager.prev')}
      </button>
      <button type="button" class="ws-btn kb-btn-sm" disabled={to >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
