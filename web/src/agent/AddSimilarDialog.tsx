// "Add as similar question": the agent files a customer's wording under a knowledge-base entry,
// so the bot recognises it next time. A modal dialog: search entries (prefilled with the
// customer's words), pick one, see the outcome.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { addSimilarQuestion, searchKbEntries, type KbEntryMatch } from './kbAssist';
import type { AgentMessageKey, AgentT } from './messages';

interface Props {
  /** The visitor's message. */
  question: string;
  csrf: string;
  t: AgentT;
  onClose: () => void;
}

const SEARCH_DEBOUNCE_MS = 250;
const RESULT_LIMIT = 5;

type Outcome = { kind: 'ok' | 'error'; key: AgentMessageKey; params: Record<string, string> };

export function AddSimilarDialog({ question, csrf, t, onClose }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState(question);
  const [results, setResults] = useState<readonly KbEntryMatch[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const searchSeq = useRef(0);

  // A modal <dialog>: focus moves into it, Escape closes it, the page behind is inert.
  useEffect(() => {
    const el = dialogRef.current;
    if (el && !el.open) el.showModal();
    return () => {
      if (el?.open) el.close();
    };
  }, []);

  // Search as the agent types (at once for the prefilled text); late answers are dropped.
  useEffect(() => {
    const q = query.trim();
    const seq = ++searchSeq.current;
    if (q === '') {
      setResults([]);
      setSearchError(null);
      return undefined;
    }
    setResults(null);
    const timer = setTimeout(
      () => {
        searchKbEntries(q, RESULT_LIMIT).then(
          (entries) => {
            if (seq !== searchSeq.current) return;
            setResults(entries);
            setSearchError(null);
          },
          (e: unknown) => {
            if (seq !== searchSeq.current) return;
            setResults([]);
            setSearchError(errorMessage(e));
          },
        );
      },
      seq === 1 ? 0 : SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [query]);

  const pick = async (entry: KbEntryMatch) => {
    setSaving(entry.id);
    setOutcome(null);
    try {
      await addSimilarQuestion(entry.id, question, csrf);
      setOutcome({ kind: 'ok', key: 'similar.added', params: { question: entry.question } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setOutcome({ kind: 'error', key: 'similar.exists', params: { question: entry.question } });
      } else {
        setOutcome({ kind: 'error', key: 'similar.error', params: { message: errorMessage(e) } });
      }
    } finally {
      setSaving(null);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      class="ws-similar"
      aria-labelledby="ws-similar-title"
      onClose={onClose}
    >
      <div class="ws-similar-head">
        <h2 id="ws-similar-title">{t('similar.title')}</h2>
        <button type="button" class="ws-icon-btn" aria-label={t('similar.close')} title={t('similar.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div class="ws-similar-original">
        <span class="ws-muted ws-small">{t('similar.original')}</span>
        <blockquote>{question}</blockquote>
      </div>
      <input
        class="ws-similar-search"
        type="search"
        value={query}
        aria-label={t('similar.search')}
        placeholder={t('similar.search')}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
      />
      {results === null ? (
        <p class="ws-muted ws-small">{t('similar.searching')}</p>
      ) : searchError !== null ? (
        <p class="ws-error">{t('similar.searchError', { message: searchError })}</p>
      ) : results.length === 0 ? (
        <p class="ws-muted ws-small">{t('similar.empty')}</p>
      ) : (
        <ul class="ws-similar-results" aria-label={t('similar.results')}>
          {results.map((entry) => (
            <li key={entry.id}>
              <button type="button" class="ws-similar-entry" disabled={saving !== null} onClick={() => void pick(entry)}>
                <span class="ws-similar-question">{entry.question}</span>
                {entry.category && <span class="ws-similar-category">{t('similar.category', { category: entry.category })}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="ws-similar-status" role="status">
        {saving !== null && t('similar.saving')}
        {outcome && (
          <span class={outcome.kind === 'ok' ? 'ws-similar-ok' : 'ws-similar-error'}>{t(outcome.key, outcome.params)}</span>
        )}
      </div>
      <div class="ws-similar-foot">
        <button type="button" class="ws-btn" onClick={onClose}>
          {t('similar.close')}
        </button>
      </div>
    </dialog>
  );
}

function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message || e.code;
  return e instanceof Error ? e.message : String(e);
}
