// Agent assist: which knowledge-base entries to suggest for the customer's latest question. Pure:
// unit-tested by assist.test.ts through `npm run test:unit`.

import type { KefuEvent } from '../../shared/protocol';

/** The fields of a knowledge-base entry (docs/protocol.md, "Knowledge base and bot") assist uses. */
export interface AssistEntry {
  id: string;
  question: string;
  answer: string;
  category: string;
  enabled: boolean;
  valid_from?: string | null;
  valid_to?: string | null;
  /** How well the entry matches the query, 0–1. Ranked hits have more than 0; entries that only
   *  contain the words follow with 0, disabled and expired ones included. */
  confidence?: number;
}

/** How many suggestions the panel shows. */
export const SUGGESTIONS = 3;

/** Within its validity period at `now` (`valid_to` is exclusive); unreadable dates do not limit. */
function inEffect(e: AssistEntry, now: number): boolean {
  const from = e.valid_from ? Date.parse(e.valid_from) : NaN;
  const to = e.valid_to ? Date.parse(e.valid_to) : NaN;
  return !(from > now) && !(to <= now);
}

/** The entries worth suggesting, best first: enabled, in effect, ranked (confidence above 0). */
export function usableSuggestions(entries: readonly AssistEntry[], now: number, limit = SUGGESTIONS): AssistEntry[] {
  return entries
    .filter((e) => e.enabled && (e.confidence ?? 0) > 0 && typeof e.answer === 'string' && e.answer.trim() !== '' && inEffect(e, now))
    .sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))
    .slice(0, limit);
}

/** The badge's colour: how sure the match is (the bot's own default thresholds: 0.75 answers,
 *  0.45 asks "您可能想问"). */
export function confidenceLevel(confidence: number): 'high' | 'medium' | 'low' {
  if (confidence >= 0.75) return 'high';
  if (confidence >= 0.45) return 'medium';
  return 'low';
}

/** The customer's latest question: the last visitor message with text, its seq and text. */
export function latestQuestion(events: readonly KefuEvent[]): { seq: number; text: string } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]!;
    if (ev.kind === 'message' && ev.author.role === 'visitor' && ev.text.trim() !== '') {
      return { seq: ev.seq, text: ev.text.trim() };
    }
  }
  return null;
}
