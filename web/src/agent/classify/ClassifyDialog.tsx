// The close dialog: the agent chooses the inquiry classification (咨询分类) of a conversation —
// searchable, by keyboard or mouse — and may add a summary, then ends the chat (mode "close") or,
// for a chat that already ended, saves the classification (mode "classify", REST). When the
// tenant requires a classification the closing button stays disabled until one is chosen; should
// the server refuse anyway (the setting changed meanwhile), its refusal is shown here.

import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { Conversation } from '../../shared/protocol';
import { useStore } from '../../shared/store';
import { ApiError } from '../api';
import { CommandError, type WorkspaceController } from '../controller';
import { Modal } from '../kb/Dialog';
import { ErrorLine } from '../kb/Feedback';
import { useKbT } from '../kb/AdminPages';
import type { AgentT } from '../messages';
import { classifyApi, type ClassificationNode } from './api';
import type { ClassifyService } from './service';
import './classify.css';

export const MAX_SUMMARY_CHARS = 500;

export type DialogMode = 'close' | 'classify';

interface Props {
  controller: WorkspaceController;
  service: ClassifyService;
  lang: Lang;
  t: AgentT;
  conversation: Pick<Conversation, 'id' | 'visitor'>;
  mode: DialogMode;
  /** A refusal that led here (the server required a classification), shown at once. */
  initialError?: string | null;
  onClose: () => void;
  /** After the chat ended or the classification was saved. */
  onDone: () => void;
}

/** A node an agent may choose, with its path of names. */
export interface Choice {
  id: string;
  path: string[];
}

/**
 * The nodes an agent may choose: enabled, with every ancestor enabled and no enabled child (the
 * most specific level), in tree order. The server applies the same rule.
 */
export function selectableChoices(tree: readonly ClassificationNode[]): Choice[] {
  const byId = new Map(tree.map((n) => [n.id, n]));
  const children = new Map<string, ClassificationNode[]>();
  for (const n of tree) {
    const key = n.parent && byId.has(n.parent) ? n.parent : '';
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order);
  const out: Choice[] = [];
  const walk = (parent: string, path: string[], depth: number) => {
    if (depth > 8) return; // a malformed tree must not loop
    for (const n of children.get(parent) ?? []) {
      if (!n.enabled) continue;
      const here = [...path, n.name];
      const enabledKids = (children.get(n.id) ?? []).some((c) => c.enabled);
      if (enabledKids) walk(n.id, here, depth + 1);
      else out.push({ id: n.id, path: here });
    }
  };
  walk('', [], 0);
  return out;
}

export function pathText(path: readonly string[]): string {
  return path.join(' › ');
}

export function ClassifyDialog(props: Props) {
  const { controller, service, lang, t, conversation, mode, initialError, onClose, onDone } = props;
  const kbT = useKbT(lang);
  const { settings, tree } = useStore(service.store);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const id = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Fresh settings and tree every time: an administrator may have changed either.
  useEffect(() => {
    void service.refresh();
    searchRef.current?.focus();
  }, [service]);

  const required = settings?.required ?? false;
  const choices = useMemo(() => selectableChoices(tree ?? []), [tree]);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (q === '') return choices;
    return choices.filter((c) => c.path.some((name) => name.toLowerCase().includes(q)));
  }, [choices, query]);
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, matches]);

  const summaryLength = [...summary.trim()].length;
  const canSubmit =
    !busy &&
    summaryLength <= MAX_SUMMARY_CHARS &&
    (mode === 'close' ? !required || chosen !== null : chosen !== null || (!required && summaryLength > 0));

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = matches.length;
      if (n === 0) return;
      setActive((a) => (e.key === 'ArrowDown' ? (Math.min(a, n - 1) + 1) % n : (Math.min(a, n - 1) - 1 + n) % n));
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      const c = matches[activeIndex];
      if (c) setChosen(c);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'close') {
        await controller.closeWith(conversation.id, chosen?.id, summary);
      } else {
        await classifyApi.classify(conversation.id, chosen?.id ?? null, summary.trim());
      }
      if (chosen) service.markClassified(conversation.id, chosen.path);
      onDone();
    } catch (err) {
      setBusy(false);
      setError(failureText(err, t));
      if (
        (err instanceof CommandError || err instanceof ApiError) &&
        (err.code === 'classification_required' || err.code === 'bad_frame')
      ) {
        void service.refresh(); // the rule or the tree changed: show the current ones
      }
      if (err instanceof CommandError && err.code === 'conversation_closed') onDone();
    }
  };

  const listId = `${id}-list`;
  return (
    <Modal title={mode === 'close' ? t('classify.closeTitle') : t('classify.classifyTitle')} t={kbT} onClose={onClose} wide>
      <form class="kb-form cl-dialog" onSubmit={(e) => void submit(e)} noValidate>
        <div class="kb-dialog-body">
          <p class="cl-subject">{t('classify.subject', { visitor: conversation.visitor.name })}</p>
          <p class={required ? 'cl-required' : 'ws-muted'}>{required ? t('classify.requiredNote') : t('classify.optionalNote')}</p>
          <div class="kb-field">
            <label for={`${id}-search`}>{t('classify.search')}</label>
            <input
              ref={searchRef}
              id={`${id}-search`}
              type="search"
              aria-controls={listId}
              aria-activedescendant={matches[activeIndex] ? `${id}-opt-${activeIndex}` : undefined}
              aria-describedby={`${id}-keys`}
              placeholder={t('classify.searchPlaceholder')}
              value={query}
              autocomplete="off"
              onInput={(e) => {
                setQuery((e.currentTarget as HTMLInputElement).value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
            />
            <small id={`${id}-keys`} class="ws-muted">
              {t('classify.keys')}
            </small>
          </div>
          {tree === null ? (
            <p class="ws-muted">{t('classify.loading')}</p>
          ) : choices.length === 0 ? (
            <p class="ws-muted">{t('classify.emptyTree')}</p>
          ) : (
            <ul ref={listRef} id={listId} class="cl-options" role="listbox" aria-label={t('classify.list')}>
              {matches.length === 0 && <li class="ws-muted cl-nomatch">{t('classify.noMatch')}</li>}
              {matches.map((c, i) => (
                <li
                  key={c.id}
                  id={`${id}-opt-${i}`}
                  data-index={i}
                  role="option"
                  aria-selected={chosen?.id === c.id}
                  class={`cl-option${i === activeIndex ? ' is-active' : ''}${chosen?.id === c.id ? ' is-chosen' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    setActive(i);
                    setChosen(c);
                  }}
                >
                  {c.path.slice(0, -1).map((name) => (
                    <span key={name} class="cl-option-parent">
                      {name} ›{' '}
                    </span>
                  ))}
                  <span class="cl-option-name">{c.path[c.path.length - 1]}</span>
                </li>
              ))}
            </ul>
          )}
          <p class="cl-chosen" aria-live="polite" data-testid="classify-chosen">
            {chosen ? t('classify.chosen', { path: pathText(chosen.path) }) : t('classify.none')}
          </p>
          <div class="kb-field">
            <label for={`${id}-summary`}>{t('classify.summary')}</label>
            <textarea
              id={`${id}-summary`}
              rows={3}
              value={summary}
              aria-describedby={`${id}-summary-hint`}
              onInput={(e) => setSummary((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <small id={`${id}-summary-hint`} class={summaryLength > MAX_SUMMARY_CHARS ? 'ws-error' : 'ws-muted'}>
              {summaryLength > MAX_SUMMARY_CHARS
                ? t('classify.err.tooLong', { max: MAX_SUMMARY_CHARS })
                : t('classify.summaryHint', { n: summaryLength, max: MAX_SUMMARY_CHARS })}
            </small>
          </div>
          <ErrorLine text={error} />
        </div>
        <div class="kb-dialog-actions">
          <button type="button" class="ws-btn" onClick={onClose}>
            {t('classify.cancel')}
          </button>
          <button type="submit" class={`ws-btn ${mode === 'close' ? 'ws-btn-danger' : 'ws-btn-primary'}`} disabled={!canSubmit}>
            {busy
              ? t(mode === 'close' ? 'classify.closing' : 'classify.saving')
              : t(mode === 'close' ? 'classify.submitClose' : 'classify.submitSave')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The reason a close or a save failed, in the agent's language. */
export function failureText(err: unknown, t: AgentT): string {
  const code = err instanceof CommandError || err instanceof ApiError ? err.code : '';
  if (code === 'classification_required') return t('classify.err.required');
  if (code === 'bad_frame') return t('classify.err.invalid');
  if (code === 'text_too_long') return t('classify.err.tooLong', { max: MAX_SUMMARY_CHARS });
  const message = err instanceof Error ? err.message || code : String(err);
  return t('classify.err.generic', { message });
}
