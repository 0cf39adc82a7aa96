// The repeat-contact alert at the top of a chat: the customer was here a short while ago, with
// that conversation's classification and summary, and its transcript one click away (read from
// the conversation-events REST endpoint).

import { useState } from 'preact/hooks';
import { formatTime, type Lang } from '../../shared/i18n';
import type { KefuEvent } from '../../shared/protocol';
import { systemText } from '../../shared/system';
import { api } from '../api';
import type { AgentT } from '../messages';
import type { RepeatContact } from './api';
import { pathText } from './ClassifyDialog';
import './classify.css';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How long ago, coarsely: minutes under an hour, hours under two days, else days. */
export function agoText(ms: number, t: AgentT, now: number = Date.now()): string {
  const gap = Math.max(now - ms, 0);
  if (gap < HOUR) return t('repeat.minutes', { n: Math.max(1, Math.round(gap / MINUTE)) });
  if (gap < 48 * HOUR) return t('repeat.hours', { n: Math.round(gap / HOUR) });
  return t('repeat.days', { n: Math.round(gap / (24 * HOUR)) });
}

interface Props {
  repeat: RepeatContact;
  lang: Lang;
  t: AgentT;
}

export function RepeatBanner({ repeat, lang, t }: Props) {
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<KefuEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const classification = repeat.classification ? pathText(repeat.classification.path) : t('repeat.unclassified');
  const params = { time: agoText(repeat.closed_at, t), classification, summary: repeat.summary };
  const text = repeat.summary ? t('repeat.banner', params) : t('repeat.bannerNoSummary', params);
  const transcriptId = `repeat-${repeat.conversation}`;

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && events === null) {
      setError(null);
      api.events(repeat.conversation, 0).then(setEvents, (e: unknown) =>
        setError(t('repeat.loadFailed', { message: e instanceof Error ? e.message : String(e) })),
      );
    }
  };

  return (
    <section class="cl-repeat" role="note" aria-label={t('repeat.label')} data-testid="repeat-banner">
      <div class="cl-repeat-line">
        <span class="cl-repeat-badge">{t('repeat.label')}</span>
        <span class="cl-repeat-text" title={t('repeat.closedAt', { time: formatTime(repeat.closed_at, lang) })}>
          {text}
        </span>
        <button type="button" class="ws-link-btn cl-repeat-toggle" aria-expanded={open} aria-controls={transcriptId} onClick={toggle}>
          {open ? t('repeat.hide') : t('repeat.show')}
        </button>
      </div>
      {open && (
        <div id={transcriptId} class="cl-repeat-transcript" role="log" aria-label={t('repeat.transcript')}>
          {error && <p class="ws-error">{error}</p>}
          {!error && events === null && <p class="ws-muted">{t('repeat.loading')}</p>}
          {events?.map((ev) => {
            if (ev.kind === 'system') {
              const line = systemText(ev, t);
              return line ? (
                <p key={ev.seq} class="cl-repeat-system">
                  <span>{line}</span>
                  <time>{formatTime(ev.at, lang)}</time>
                </p>
              ) : null;
            }
            return (
              <p key={ev.seq} class={`cl-repeat-msg cl-repeat-${ev.author.role}`}>
                <span class="cl-repeat-author">{ev.author.name}</span>
                <time>{formatTime(ev.at, lang)}</time>
                <span class="cl-repeat-body">{ev.text}</span>
              </p>
            );
          })}
        </div>
      )}
    </section>
  );
}
