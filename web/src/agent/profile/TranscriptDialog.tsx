// One of the customer's conversations, readable: each message with its time and author (the
// customer, the agent by name, the bot), system lines in the user's language, and at the end the
// close's classification and summary. A modal <dialog>: the page behind is inert, Tab stays
// inside, Esc closes, focus goes back to the history entry that opened it.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { KefuEvent, MessageEvent } from '../../shared/protocol';
import { systemText } from '../../shared/system';
import type { AgentT } from '../messages';
import { profileApi, type HistoryConversation } from './api';
import { failureText, formatClock, formatDateTime, pathText, stateLabel } from './format';
import type { ProfileT } from './messages';

interface Props {
  conversation: HistoryConversation;
  /** The conversation open in the pane. */
  current: boolean;
  lang: Lang;
  t: AgentT;
  pt: ProfileT;
  onClose: () => void;
}

/** A `closed` event of the staff-only events endpoint carries the recorded classification. */
interface ClosedChoice {
  id: string | null;
  path: string[];
  summary: string;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function TranscriptDialog({ conversation: c, current, lang, t, pt, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [events, setEvents] = useState<KefuEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    let live = true;
    profileApi.transcript(c.id).then(
      (list) => live && setEvents(list),
      (e: unknown) => live && setError(failureText(e, pt)),
    );
    return () => {
      live = false;
    };
  }, [c.id]);

  const onKeyDown = (e: KeyboardEvent) => {
    // Esc closes this dialog only: whatever holds it (a side panel over the conversation) stays.
    if (e.key === 'Escape' && !e.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    // Tab and Shift+Tab wrap around inside the dialog.
    if (e.key !== 'Tab') return;
    const dialog = ref.current;
    if (!dialog) return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const closedEvent = events?.find((ev) => ev.kind === 'system' && ev.code === 'closed');
  const recorded = (closedEvent as { classification?: ClosedChoice } | undefined)?.classification ?? null;
  // The conversation's record is the latest word (a classification added after the close);
  // the closed event's is the fallback.
  const path = c.classification?.path ?? recorded?.path ?? null;
  const summary = c.summary || recorded?.summary || '';

  return (
    <dialog
      ref={ref}
      class="pf-dialog"
      aria-labelledby={titleId}
      data-testid="transcript-dialog"
      data-conversation={c.id}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      <header class="pf-dialog-head">
        <div>
          <h2 id={titleId}>{pt('tr.title', { time: formatDateTime(c.created_at, lang) })}</h2>
          <p class="pf-dialog-meta">
            <span>{pt('tr.meta', { queue: c.queue.name, state: stateLabel(c, pt) })}</span>
            {c.agent && <span>{pt('tr.agent', { name: c.agent.name })}</span>}
            {current && <span class="pf-hist-current">{pt('history.current')}</span>}
          </p>
        </div>
        <button type="button" class="ws-icon-btn" aria-label={pt('tr.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div class="pf-dialog-body" tabIndex={0} role="log" aria-label={pt('tr.log')} aria-busy={events === null && !error}>
        {error && (
          <p class="ws-error" role="alert">
            {pt('tr.error', { message: error })}
          </p>
        )}
        {!error && events === null && <p class="pf-empty">{pt('tr.loading')}</p>}
        {events && events.length === 0 && <p class="pf-empty">{pt('tr.empty')}</p>}
        {events && <TranscriptLines events={events} lang={lang} t={t} pt={pt} />}
      </div>
      {c.state === 'closed' && (
        <footer class="pf-outcome" aria-label={pt('tr.outcome')} data-testid="transcript-outcome">
          <dl>
            <div>
              <dt>{pt('tr.classification')}</dt>
              <dd class={path ? '' : 'pf-empty'} data-testid="transcript-classification">
                {path ? pathText(path) : pt('history.unclassified')}
              </dd>
            </div>
            <div>
              <dt>{pt('tr.summary')}</dt>
              <dd class={summary ? 'pf-outcome-summary' : 'pf-empty'} data-testid="transcript-summary">
                {summary || pt('tr.none')}
              </dd>
            </div>
          </dl>
        </footer>
      )}
    </dialog>
  );
}

function dayOf(ms: number): string {
  return new Date(ms).toDateString();
}

interface LinesProps {
  events: readonly KefuEvent[];
  lang: Lang;
  t: AgentT;
  pt: ProfileT;
}

function TranscriptLines({ events, lang, t, pt }: LinesProps) {
  const rows = [];
  let day = '';
  for (const ev of events) {
    // A conversation across midnight says where the new day starts.
    if (dayOf(ev.at) !== day) {
      if (day !== '') {
        rows.push(
          <p key={`day-${ev.seq}`} class="pf-tr-day">
            {formatDateTime(ev.at, lang)}
          </p>,
        );
      }
      day = dayOf(ev.at);
    }
    if (ev.kind === 'system') {
      const text = systemText(ev, t);
      if (!text) continue;
      rows.push(
        <p key={ev.seq} class="pf-tr-system" data-code={ev.code} data-seq={ev.seq}>
          <time>{formatClock(ev.at, lang)}</time>
          <span>{ev.code === 'notice' ? t('sys.notice', { text }) : text}</span>
        </p>,
      );
      continue;
    }
    rows.push(<MessageLine key={ev.seq} ev={ev} lang={lang} t={t} pt={pt} />);
  }
  return <>{rows}</>;
}

function MessageLine({ ev, lang, t, pt }: { ev: MessageEvent; lang: Lang; t: AgentT; pt: ProfileT }) {
  const role = ev.author.role;
  const name = role === 'bot' ? ev.author.name || t('author.bot') : ev.author.name;
  const roleLabel = role === 'visitor' ? pt('tr.role.visitor') : role === 'bot' ? pt('tr.role.bot') : pt('tr.role.agent');
  return (
    <div class={`pf-tr-msg pf-tr-${role}`} data-author={role} data-seq={ev.seq}>
      <div class="pf-tr-meta">
        <span class={`pf-tr-role pf-tr-role-${role}`}>{roleLabel}</span>
        <span class="pf-tr-name">{name}</span>
        <time dateTime={new Date(ev.at).toISOString()}>{formatClock(ev.at, lang)}</time>
      </div>
      <p class="pf-tr-text">{ev.text}</p>
    </div>
  );
}
