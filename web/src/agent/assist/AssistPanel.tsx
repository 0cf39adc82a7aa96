// Agent assist: knowledge-base answers for the customer's latest question, best first, each with
// how well it matches; 「插入」 puts the answer at the reply box's caret (the agent may still edit
// it before sending).

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { routeHref } from '../kb/route';
import { confidenceLevel, type AssistEntry } from './logic';
import type { AssistT } from './messages';
import type { AssistState } from './useAssist';
import './assist.css';

interface Props {
  assist: AssistState;
  t: AssistT;
  /** The conversation is open: answers can go into its reply box. */
  canInsert: boolean;
  onInsert: (text: string) => void;
  /** Supervisors and administrators may edit the knowledge base (link in the empty state). */
  canEditKb: boolean;
}

export function AssistPanel({ assist, t, canInsert, onInsert, canEditKb }: Props) {
  const { status, question, suggestions } = assist;
  return (
    <section
      class="as-panel"
      data-testid="assist-panel"
      data-status={status}
      aria-busy={status === 'loading'}
      aria-label={t('assist.title')}
    >
      {question !== null && (
        <div class="as-question">
          <span class="as-question-label">{t('assist.question')}</span>
          <q class="as-question-text" title={question}>
            {question}
          </q>
        </div>
      )}
      {/* Takes its height whether or not a lookup is running: no jump. */}
      <div class={`as-progress${status === 'loading' ? ' is-active' : ''}`} aria-hidden="true" />
      <Body assist={assist} t={t} canEditKb={canEditKb} />
      {suggestions.length > 0 && status !== 'error' && (
        <ol class="as-list" aria-label={t('assist.results')}>
          {suggestions.map((e) => (
            <Suggestion key={e.id} entry={e} t={t} canInsert={canInsert} onInsert={onInsert} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The line above the list: nothing asked yet, searching, nothing found, an error. */
function Body({ assist, t, canEditKb }: { assist: AssistState; t: AssistT; canEditKb: boolean }) {
  const { status, suggestions } = assist;
  if (status === 'idle') return <p class="as-note">{t('assist.noQuestion')}</p>;
  if (status === 'error') {
    return (
      <div class="as-note as-error" role="alert">
        <span>{t('assist.error', { message: assist.error ?? '' })}</span>
        <button type="button" class="ws-link-btn" onClick={assist.retry}>
          {t('assist.retry')}
        </button>
      </div>
    );
  }
  if (suggestions.length > 0) return null;
  if (status === 'loading') {
    return (
      <p class="as-note" role="status">
        {t('assist.loading')}
      </p>
    );
  }
  if (assist.kbEmpty) {
    return (
      <p class="as-note as-empty" data-testid="assist-kb-empty" role="status">
        {t('assist.kbEmpty')}
        {canEditKb && (
          <>
            {' '}
            <a class="ws-link-btn" href={routeHref('kb-entries')}>
              {t('assist.kbManage')}
            </a>
          </>
        )}
      </p>
    );
  }
  return (
    <p class="as-note as-empty" data-testid="assist-empty" role="status">
      {t('assist.empty')}
    </p>
  );
}

interface SuggestionProps {
  entry: AssistEntry;
  t: AssistT;
  canInsert: boolean;
  onInsert: (text: string) => void;
}

function Suggestion({ entry, t, canInsert, onInsert }: SuggestionProps) {
  const [expanded, setExpanded] = useState(false);
  // Only answers longer than the clamp get the "show all" switch.
  const [overflows, setOverflows] = useState(false);
  const answerRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const el = answerRef.current;
    if (!el || expanded) return undefined;
    const measure = () => setOverflows(el.scrollHeight > el.clientHeight + 1);
    measure();
    // Again when its box changes: the panel may have been hidden (another tab) or resized.
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [entry.answer, expanded]);

  const percent = Math.round((entry.confidence ?? 0) * 100);
  const level = confidenceLevel(entry.confidence ?? 0);
  const qid = `as-q-${entry.id}`;
  const aid = `as-a-${entry.id}`;
  return (
    <li class="as-item" data-testid="assist-item" data-entry={entry.id} aria-labelledby={qid}>
      <div class="as-item-head">
        <h3 class="as-item-question" id={qid}>
          {entry.question}
        </h3>
        <span
          class={`as-badge as-badge-${level}`}
          data-testid="assist-confidence"
          title={t('assist.confidence', { n: percent })}
          aria-label={t('assist.confidence', { n: percent })}
        >
          {percent}%
        </span>
      </div>
      <p id={aid} ref={answerRef} class={`as-answer${expanded ? ' is-expanded' : ''}`}>
        {entry.answer}
      </p>
      <div class="as-item-foot">
        {entry.category && (
          <span class="as-category" title={t('assist.category', { category: entry.category })}>
            {entry.category}
          </span>
        )}
        {(overflows || expanded) && (
          <button type="button" class="ws-link-btn ws-small" aria-expanded={expanded} aria-controls={aid} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('assist.less') : t('assist.more')}
          </button>
        )}
        <button
          type="button"
          class="ws-btn as-insert"
          data-testid="assist-insert"
          disabled={!canInsert}
          aria-describedby={qid}
          title={canInsert ? t('assist.insertHint') : t('assist.insertClosed')}
          onClick={() => onInsert(entry.answer)}
        >
          {t('assist.insert')}
        </button>
      </div>
    </li>
  );
}
