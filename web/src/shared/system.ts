// The text of a system event (queued, assigned, closed, transferred). The widget and the
// workspace word these differently, so each side has its own table for these keys; the mapping
// from event to key and parameters is the same for both and lives here.

import type { Translate } from './i18n';
import type { SystemEvent } from './protocol';

export type SystemKey =
  | 'sys.queued'
  | 'sys.assigned'
  | 'sys.closed.visitor'
  | 'sys.closed.agent'
  | 'sys.closed.idle'
  | 'sys.transferred.agent'
  | 'sys.transferred.queue'
  | 'sys.transferred.overflow'
  | 'sys.transferred.bot'
  | 'sys.requeued.no_answer'
  | 'sys.requeued.agent_offline'
  | 'sys.requeued.agent_disconnected';

/** The localized line for `ev`, or null for a code this client does not know. */
export function systemText(ev: SystemEvent, t: Translate<SystemKey>): string | null {
  // OtherSystemEvent's open `code` defeats narrowing, hence the field reads below.
  switch (ev.code) {
    case 'queued':
      return t('sys.queued', { queue: (ev as { queue?: { name?: string } }).queue?.name ?? '' });
    case 'assigned':
      return t('sys.assigned', { agent: (ev as { agent?: { name?: string } }).agent?.name ?? '' });
    case 'closed': {
      const by = (ev as { by?: string }).by;
      if (by === 'visitor') return t('sys.closed.visitor');
      if (by === 'idle') return t('sys.closed.idle');
      return t('sys.closed.agent');
    }
    case 'notice':
      // The tenant's own wording, shown as written.
      return String((ev as { text?: unknown }).text ?? '');
    case 'transferred': {
      const e = ev as { to_agent?: { name?: string }; to_queue?: { name?: string }; by?: string; note?: unknown };
      const queue = e.to_queue?.name ?? '';
      if (e.by === 'overflow') return t('sys.transferred.overflow', { queue });
      // The bot's note is the category whose handoff route chose the queue.
      const category = e.by === 'bot' && typeof e.note === 'string' ? e.note.trim() : '';
      if (category !== '') return t('sys.transferred.bot', { queue, category });
      if (e.to_agent) return t('sys.transferred.agent', { agent: e.to_agent.name ?? '' });
      return t('sys.transferred.queue', { queue });
    }
    case 'requeued': {
      const e = ev as { agent?: { name?: string }; reason?: string };
      const agent = e.agent?.name ?? '';
      if (e.reason === 'no_answer') return t('sys.requeued.no_answer', { agent });
      if (e.reason === 'agent_offline') return t('sys.requeued.agent_offline', { agent });
      return t('sys.requeued.agent_disconnected', { agent });
    }
    default:
      return null;
  }
}

/**
 * The note to show under a transfer's line, trimmed: '' for none, for other events, and for the
 * bot's, whose note (the category) the line itself already says.
 */
export function transferNote(ev: SystemEvent): string {
  if (ev.code !== 'transferred') return '';
  const e = ev as { by?: string; note?: unknown };
  return e.by !== 'bot' && typeof e.note === 'string' ? e.note.trim() : '';
}
