// Messages the local user sent that are not (yet) in the transcript.
//
// A `send` is shown as pending from submit until its ack; after the ack it is shown
// as sent until the event itself arrives (events and acks may come in either order),
// then the transcript shows the event and the outgoing entry disappears.

import type { PendingCommand } from './client';
import type { EventLog } from './eventlog';

export interface OutgoingMessage {
  id: string;
  text: string;
  /** Target conversation: known for agents, and for visitors once acknowledged. */
  conversation?: string;
  /** Set once acknowledged: the seq the message's event has. */
  seq?: number;
  pending: boolean;
}

export class OutgoingTracker {
  private readonly acked = new Map<string, OutgoingMessage>();
  private readonly log: EventLog;

  constructor(log: EventLog) {
    this.log = log;
  }

  /** Record an acknowledged send whose event may not have arrived yet. */
  acknowledge(cmd: PendingCommand, conversation: string | undefined, seq: number | undefined): void {
    if (cmd.body.type !== 'send' || conversation === undefined || seq === undefined) return;
    if (this.hasEvent(conversation, seq)) return;
    this.acked.set(cmd.id, { id: cmd.id, text: cmd.body.text, conversation, seq, pending: false });
  }

  /** Everything still to show, in send order, given the client's current outbox. */
  list(outbox: readonly PendingCommand[]): OutgoingMessage[] {
    for (const [id, m] of this.acked) {
      if (this.hasEvent(m.conversation!, m.seq!)) this.acked.delete(id);
    }
    // Acknowledged ones were sent before those still pending; keep that order.
    const out: OutgoingMessage[] = [...this.acked.values()];
    for (const cmd of outbox) {
      if (cmd.body.type !== 'send' || this.acked.has(cmd.id)) continue;
      const m: OutgoingMessage = { id: cmd.id, text: cmd.body.text, pending: true };
      if (cmd.body.conversation !== undefined) m.conversation = cmd.body.conversation;
      out.push(m);
    }
    return out;
  }

  private hasEvent(conversation: string, seq: number): boolean {
    return this.log.events(conversation).some((e) => e.seq === seq);
  }
}
