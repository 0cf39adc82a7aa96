// The text of a system event (queued, assigned, closed). The widget and the workspace word these
// differently, so each side has its own table for these keys; the mapping from event to key and
// parameters is the same for both and lives here.

import type { Translate } from './i18n';
import type { SystemEvent } from './protocol';

export type SystemKey =
  | 'sys.queued'
  | 'sys.assigned'
  | 'sys.closed.visitor'
  | 'sys.closed.agent'
  | 'sys.closed.idle';

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
    default:
      return null;
  }
}
