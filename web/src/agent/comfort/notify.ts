// Sound and desktop notifications of the workspace: which changes of the workspace state are news
// that deserves an alert. Pure (no DOM, no clock): unit-tested by notify.test.ts through
// `npm run test:unit`; alerts.ts plays the tone and shows the notification.
//
// Two steps:
//  1. AlertTracker compares each new workspace state with what it has seen and lists the
//     candidates: a conversation that appeared in the list, a message event not seen before. It
//     marks as `replay` whatever is history rather than news: the conversations and events of the
//     server's snapshot at login or after a reconnect (received before the connection is open
//     again, or with a seq not above the conversation's last_seq of that snapshot), and the
//     earlier events of a conversation newly handed to the agent.
//  2. shouldAlert decides, for one candidate, whether to play the tone and whether to show a
//     desktop notification.

import type { Author, Conversation, ConversationState, KefuEvent } from '../../shared/protocol';

interface CandidateBase {
  conversation: string;
  /** The visitor's display name (the notification's title). */
  visitor: string;
  /** History (login snapshot, replay after a reconnect, earlier turns of a new chat), not news. */
  replay: boolean;
}

/** A conversation that appeared in the agent's list. */
export interface ChatCandidate extends CandidateBase {
  kind: 'chat';
  state: ConversationState;
  /** The agent it is assigned to, if any. */
  agentId: string | null;
}

/** A message event the tracker had not seen before. */
export interface MessageCandidate extends CandidateBase {
  kind: 'message';
  seq: number;
  author: Author;
  text: string;
}

export type Candidate = ChatCandidate | MessageCandidate;

/** What the decision needs to know about the moment. */
export interface AlertContext {
  /** The agent's switch in the top bar. */
  enabled: boolean;
  /** The signed-in user's id. */
  me: string | null;
  /** The conversation open in the pane, when the agent can see the workspace (else null). */
  selectedId: string | null;
  /** The page is hidden (another tab, minimised window). */
  pageHidden: boolean;
}

export interface AlertDecision {
  sound: boolean;
  notify: boolean;
}

const SILENT: AlertDecision = { sound: false, notify: false };

/**
 * Should this candidate alert? Never for history, for the agent's own messages or anyone's but
 * the visitor's, nor for a message in the conversation the agent is looking at. A new chat and
 * a visitor message elsewhere (or while the page is hidden) play the tone and notify.
 */
export function shouldAlert(c: Candidate, ctx: AlertContext): AlertDecision {
  if (!ctx.enabled || c.replay || !ctx.me) return SILENT;
  if (c.kind === 'chat') {
    if (c.state !== 'assigned' || c.agentId !== ctx.me) return SILENT;
  } else {
    if (c.author.role !== 'visitor') return SILENT;
    // Reading it already: the transcript shows it.
    if (!ctx.pageHidden && c.conversation === ctx.selectedId) return SILENT;
  }
  return { sound: true, notify: true };
}

/** The parts of the workspace state the tracker reads (WorkspaceState has them all). */
export interface AlertSource {
  connection: string;
  user: { id: string } | null;
  items: readonly { conv: Conversation }[];
  transcripts: Readonly<Record<string, readonly KefuEvent[]>>;
}

interface Seen {
  /** Events up to this seq are history (the snapshot's last_seq). */
  history: number;
  /** Events up to this seq were looked at already. */
  processed: number;
}

export class AlertTracker {
  private me: string | null = null;
  /** Whether the tracker has looked at this user's workspace before. */
  private primed = false;
  private readonly seen = new Map<string, Seen>();
  private last: AlertSource | null = null;

  /** The candidates since the previous call. */
  observe(s: AlertSource): Candidate[] {
    const prev = this.last;
    this.last = s;
    const me = s.user?.id ?? null;
    if (me !== this.me) {
      // Signed out, or someone else signed in: start over.
      this.seen.clear();
      this.me = me;
      this.primed = false;
    }
    if (!me) return [];
    if (prev && prev.items === s.items && prev.transcripts === s.transcripts && prev.connection === s.connection) return [];

    // The workspace handles the server's `welcome` (the snapshot) before it calls the connection
    // open, so anything learned while it is not open is history; so is whatever is there when
    // the tracker first looks.
    const live = s.connection === 'open' && this.primed;
    this.primed = true;
    const out: Candidate[] = [];
    const listed = new Set<string>();
    for (const { conv } of s.items) {
      listed.add(conv.id);
      const events = s.transcripts[conv.id] ?? [];
      const lastSeq = events[events.length - 1]?.seq ?? 0;
      const mark = this.seen.get(conv.id);
      if (!mark) {
        const history = Math.max(conv.last_seq, lastSeq);
        this.seen.set(conv.id, { history, processed: history });
        out.push({
          kind: 'chat',
          conversation: conv.id,
          visitor: conv.visitor.name,
          state: conv.state,
          agentId: conv.agent?.id ?? null,
          replay: !live,
        });
        continue;
      }
      if (!live) mark.history = Math.max(mark.history, conv.last_seq);
      // Events are in seq order: the new ones are at the end.
      let from = events.length;
      while (from > 0 && events[from - 1]!.seq > mark.processed) from--;
      for (let i = from; i < events.length; i++) {
        const ev = events[i]!;
        if (ev.kind !== 'message') continue;
        out.push({
          kind: 'message',
          conversation: conv.id,
          visitor: conv.visitor.name,
          seq: ev.seq,
          author: ev.author,
          text: ev.text,
          replay: !live || ev.seq <= mark.history,
        });
      }
      mark.processed = Math.max(mark.processed, lastSeq);
    }
    // A conversation that left the list is new again should it come back (a transfer back).
    for (const id of [...this.seen.keys()]) if (!listed.has(id)) this.seen.delete(id);
    return out;
  }
}

/** The text of the visitor's latest message in a transcript, if any. */
export function latestVisitorText(events: readonly KefuEvent[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]!;
    if (ev.kind === 'message' && ev.author.role === 'visitor') return ev.text;
  }
  return null;
}

/** A message shortened for a notification body: one line, at most `max` characters. */
export function previewText(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}
