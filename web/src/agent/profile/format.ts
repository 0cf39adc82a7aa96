// Formatting helpers of the profile panel.

import type { Lang } from '../../shared/i18n';
import { ApiError } from '../api';
import type { HistoryConversation } from './api';
import type { ProfileT } from './messages';

/**
 * A date and time for lists of past conversations: always with the date (the year too when it
 * is not this year), e.g. 「11月22日 14:03」, 「2024/11/22 14:03」.
 */
export function formatDateTime(ms: number, lang: Lang, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameYear = new Date(now).getFullYear() === d.getFullYear();
  const opts: Intl.DateTimeFormatOptions = sameYear
    ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }
    : { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
  try {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  } catch {
    return d.toLocaleString();
  }
}

/** Hours and minutes (and seconds) of a message inside a transcript. */
export function formatClock(ms: number, lang: Lang): string {
  try {
    return new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(
      new Date(ms),
    );
  } catch {
    return new Date(ms).toLocaleTimeString();
  }
}

/** A classification path as the workspace shows it everywhere: 账户与银行卡 › 密码重置. */
export { pathText } from '../classify/ClassifyDialog';

/** What to show for a failed call: the server's own reason for a refused input, else a sentence. */
export function failureText(e: unknown, t: ProfileT): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  switch (e.status) {
    case 0:
      return t('err.network');
    case 401:
      return t('err.session');
    case 403:
      return e.message || t('err.forbidden');
    case 404:
      return t('err.notFound');
    case 429:
      return t('err.rateLimited');
    default:
      return e.message || e.code;
  }
}

/** A conversation's state, with who ended it: 「已结束 · 客户结束」. */
export function stateLabel(c: HistoryConversation, pt: ProfileT): string {
  const state = pt(`history.state.${c.state}`);
  return c.state === 'closed' && c.closed_by ? `${state} · ${pt(`history.closedBy.${c.closed_by}`)}` : state;
}
