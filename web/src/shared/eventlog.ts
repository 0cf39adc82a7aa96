// Per-conversation event history with deduplication by (conversation, seq).
//
// The server guarantees ordered, gap-free streams, but a client can still see an
// event twice (a replay overlapping a live event after a reconnect, a resume from an
// older cached position). The log keeps each seq once, in order, and can tell which
// position is safe to resume from: only a history that is complete from seq 1 is
// resumed, so a client that lacks older events gets them replayed by the server.

import type { KefuEvent, ResumeMap } from './protocol';

export interface SerializedLog {
  v: 1;
  conversations: Record<string, KefuEvent[]>;
}

export class EventLog {
  // Arrays are replaced, never mutated, so UI code can compare them by reference.
  private readonly byConversation = new Map<string, readonly KefuEvent[]>();

  /** Add an event; returns false when that (conversation, seq) is already present. */
  add(ev: KefuEvent): boolean {
    const list = this.byConversation.get(ev.conversation) ?? [];
    const last = list[list.length - 1];
    if (!last || ev.seq > last.seq) {
      this.byConversation.set(ev.conversation, [...list, ev]);
      return true;
    }
    // Out of order: binary-search the insertion point, rejecting duplicates.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid]!;
      if (m.seq === ev.seq) return false;
      if (m.seq < ev.seq) lo = mid + 1;
      else hi = mid;
    }
    const next = list.slice();
    next.splice(lo, 0, ev);
    this.byConversation.set(ev.conversation, next);
    return true;
  }

  events(conversation: string): readonly KefuEvent[] {
    return this.byConversation.get(conversation) ?? EMPTY;
  }

  lastSeq(conversation: string): number {
    const list = this.byConversation.get(conversation);
    return list && list.length > 0 ? list[list.length - 1]!.seq : 0;
  }

  /** True when the log holds every event from seq 1 up to its last seq. */
  isComplete(conversation: string): boolean {
    const list = this.byConversation.get(conversation);
    if (!list || list.length === 0) return true;
    return list[0]!.seq === 1 && list[list.length - 1]!.seq === list.length;
  }

  /** Last seq per conversation whose history is complete; others replay from seq 1. */
  resumeMap(): ResumeMap {
    const out: ResumeMap = {};
    for (const [id, list] of this.byConversation) {
      if (list.length > 0 && this.isComplete(id)) out[id] = list[list.length - 1]!.seq;
    }
    return out;
  }

  conversationIds(): string[] {
    return [...this.byConversation.keys()];
  }

  /** Forget conversations not in `keep` (e.g. ones the server no longer lists). */
  retain(keep: ReadonlySet<string>): void {
    for (const id of [...this.byConversation.keys()]) {
      if (!keep.has(id)) this.byConversation.delete(id);
    }
  }

  drop(conversation: string): void {
    this.byConversation.delete(conversation);
  }

  serialize(maxEventsPerConversation: number): SerializedLog {
    const conversations: Record<string, KefuEvent[]> = {};
    for (const [id, list] of this.byConversation) {
      // A truncated history would not be resumable; leave it out and let it replay.
      if (list.length <= maxEventsPerConversation && this.isComplete(id)) {
        conversations[id] = list.slice();
      }
    }
    return { v: 1, conversations };
  }

  static deserialize(data: SerializedLog | null | undefined): EventLog {
    const log = new EventLog();
    if (!data || data.v !== 1 || typeof data.conversations !== 'object') return log;
    for (const list of Object.values(data.conversations)) {
      if (!Array.isArray(list)) continue;
      for (const ev of list) {
        if (ev && typeof ev.conversation === 'string' && typeof ev.seq === 'number') log.add(ev);
      }
    }
    return log;
  }
}

const EMPTY: readonly KefuEvent[] = Object.freeze([]);
