// State and behaviour of the visitor widget, independent of rendering.

import { KefuClient, wsUrlFor, type ConnectionState, type PendingCommand } from '../shared/client';
import { EventLog, type SerializedLog } from '../shared/eventlog';
import { normalizeLang, type Lang, type Params } from '../shared/i18n';
import { errorKey } from '../shared/messages';
import type {
  Conversation,
  ErrorFrame,
  KefuEvent,
  NamedRef,
  VisitorHello,
  WelcomeFrame,
} from '../shared/protocol';
import { OutgoingTracker, type OutgoingMessage } from '../shared/outgoing';
import { readJSON, readString, writeJSON, writeString } from '../shared/storage';
import { Store } from '../shared/store';
import type { WidgetMessageKey } from './messages';

export interface WidgetConfig {
  /** http(s) origin of the Kefu server (from the script's src). */
  origin: string;
  tenant: string;
  queue?: string;
  /** Display name to offer for a new visitor. */
  name?: string;
  lang?: Lang;
}

export interface Notice {
  key: WidgetMessageKey;
  params?: Params;
}

/** What the UI shows about one conversation, derived from the server's object and its events. */
export interface ConversationView {
  id: string;
  events: readonly KefuEvent[];
  state: 'queued' | 'assigned' | 'closed';
  agent: NamedRef | null;
  startedAt: number;
}

export type { OutgoingMessage };

export interface WidgetState {
  lang: Lang;
  open: boolean;
  connection: ConnectionState;
  /** True once a welcome was received on any connection. */
  everConnected: boolean;
  fatal: WidgetMessageKey | null;
  visitorName: string | null;
  conversations: readonly ConversationView[];
  outgoing: readonly OutgoingMessage[];
  notice: Notice | null;
  /** Agent messages received while the panel was closed. */
  unseen: number;
  /** Text of a message the server refused, offered back to the composer. */
  returnedText: string | null;
}

const MAX_CACHED_EVENTS = 500;
const NOTICE_MS = 8_000;

interface CachedHistory {
  visitor: string;
  log: SerializedLog;
}

export class WidgetController {
  readonly store: Store<WidgetState>;
  private readonly config: WidgetConfig;
  private readonly client: KefuClient;
  private readonly conversations = new Map<string, Conversation>();
  /** last_seq per conversation as listed in the latest welcome (what replay brings back). */
  private readonly seqAtWelcome = new Map<string, number>();
  private readonly outgoing: OutgoingTracker;
  private visitorId: string | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(config: WidgetConfig) {
    this.config = config;
    const cached = readJSON<CachedHistory>(this.key('history'));
    const log = EventLog.deserialize(cached?.log);
    this.visitorId = cached?.visitor ?? null;

    // The visitor's own choice wins, then the page's data-lang, then Simplified Chinese.
    const lang = normalizeLang(readString('kefu.widget.lang')) ?? config.lang ?? 'zh-CN';

    this.store = new Store<WidgetState>({
      lang,
      open: readString(this.key('open'), 'session') === '1',
      connection: 'connecting',
      everConnected: false,
      fatal: null,
      visitorName: null,
      conversations: [],
      outgoing: [],
      notice: null,
      unseen: 0,
      returnedText: null,
    });

    this.client = new KefuClient({
      url: wsUrlFor(config.origin),
      log,
      hello: () => this.hello(),
      handlers: {
        welcome: (f) => this.onWelcome(f),
        event: (ev) => this.onEvent(ev),
        conversation: (c) => this.onConversation(c),
        ack: (ack, cmd) => this.onAck(ack.conversation, ack.seq, cmd),
        commandError: (err, cmd) => this.onCommandError(err, cmd),
        error: (err) => this.onError(err),
        state: (connection) => this.store.update({ connection }),
        outbox: () => this.refreshOutgoing(),
      },
    });
    this.outgoing = new OutgoingTracker(log);
    // Show the cached history at once; the server fills in what is missing.
    this.refreshConversations();
  }

  start(): void {
    this.client.start();
  }

  stop(): void {
    this.client.stop();
    this.persistNow();
  }

  // -- user actions -------------------------------------------------------------

  setOpen(open: boolean): void {
    writeString(this.key('open'), open ? '1' : null, 'session');
    this.store.update(open ? { open, unseen: 0 } : { open });
  }

  setLang(lang: Lang): void {
    writeString('kefu.widget.lang', lang);
    this.store.update({ lang });
  }

  /** Send a message; returns false when there was nothing to send. */
  send(text: string): boolean {
    const trimmed = text.trim();
    if (trimmed === '') return false;
    // Visitors omit `conversation`: the server appends to the open one or starts a new one.
    this.client.submit({ type: 'send', text: trimmed });
    return true;
  }

  /** End the visitor's open conversation, if any. */
  endConversation(): void {
    const open = this.openConversation();
    if (open) this.client.submit({ type: 'close', conversation: open.id });
  }

  retryNow(): void {
    this.client.reconnectNow();
  }

  dismissNotice(): void {
    clearTimeout(this.noticeTimer);
    this.store.update({ notice: null });
  }

  openConversation(): ConversationView | undefined {
    const list = this.store.get().conversations;
    const last = list[list.length - 1];
    return last && last.state !== 'closed' ? last : undefined;
  }

  maxTextChars(): number {
    return this.client.limits.max_text_chars;
  }

  // -- protocol -------------------------------------------------------------------

  private key(name: string): string {
    return `kefu.widget.${this.config.tenant}.${name}`;
  }

  private hello(): VisitorHello {
    const frame: VisitorHello = { type: 'hello', role: 'visitor', tenant: this.config.tenant };
    const token = readString(this.key('token'));
    if (token) frame.visitor_token = token;
    if (this.config.name) frame.name = this.config.name;
    if (this.config.queue) frame.queue = this.config.queue;
    return frame;
  }

  private onWelcome(frame: WelcomeFrame): void {
    if (frame.role !== 'visitor') return;
    writeString(this.key('token'), frame.visitor.token);
    if (this.visitorId !== null && this.visitorId !== frame.visitor.id) {
      // A different visitor (token expired or rejected): cached history is not theirs.
      for (const id of this.client.log.conversationIds()) this.client.log.drop(id);
    }
    this.visitorId = frame.visitor.id;
    this.conversations.clear();
    this.seqAtWelcome.clear();
    for (const c of frame.conversations) {
      this.conversations.set(c.id, c);
      this.seqAtWelcome.set(c.id, c.last_seq);
    }
    // Forget cached conversations the server no longer lists.
    this.client.log.retain(new Set(this.conversations.keys()));
    this.store.update({ everConnected: true, fatal: null, visitorName: frame.visitor.name });
    this.refreshConversations();
    this.schedulePersist();
  }

  private onEvent(ev: KefuEvent): void {
    const { open } = this.store.get();
    // Replayed history is not news; only count agent messages newer than the welcome.
    const known = this.seqAtWelcome.get(ev.conversation) ?? 0;
    if (!open && ev.seq > known && ev.kind === 'message' && ev.author.role === 'agent') {
      this.store.update((s) => ({ unseen: s.unseen + 1 }));
    }
    this.refreshConversations();
    this.refreshOutgoing();
    this.schedulePersist();
  }

  private onConversation(c: Conversation): void {
    this.conversations.set(c.id, c);
    this.refreshConversations();
  }

  private onAck(conversation: string | undefined, seq: number | undefined, cmd: PendingCommand): void {
    this.outgoing.acknowledge(cmd, conversation, seq);
    this.refreshOutgoing();
  }

  private onCommandError(err: ErrorFrame, cmd: PendingCommand): void {
    const params: Params = { code: err.code, max: this.client.limits.max_text_chars };
    this.showNotice({ key: errorKey(err.code), params });
    // Give a refused message back to the visitor so nothing typed is lost.
    if (cmd.body.type === 'send') this.store.update({ returnedText: cmd.body.text });
    this.refreshOutgoing();
  }

  /** The composer took the returned text back. */
  clearReturnedText(): void {
    this.store.update({ returnedText: null });
  }

  private onError(err: ErrorFrame): void {
    if (err.code === 'unknown_tenant') {
      this.store.update({ fatal: 'fatal.unknown_tenant' });
      return;
    }
    // Protocol-level errors without a command are bugs or transient; stay calm.
    console.warn('[kefu] server error', err.code, err.message ?? '');
  }

  private showNotice(notice: Notice): void {
    clearTimeout(this.noticeTimer);
    this.store.update({ notice });
    this.noticeTimer = setTimeout(() => this.store.update({ notice: null }), NOTICE_MS);
  }

  // -- derived state ----------------------------------------------------------------

  private refreshOutgoing(): void {
    this.store.update({ outgoing: this.outgoing.list(this.client.pending()) });
  }

  private refreshConversations(): void {
    const log = this.client.log;
    const ids = new Set<string>([...this.conversations.keys(), ...log.conversationIds()]);
    const views: ConversationView[] = [];
    for (const id of ids) {
      const events = log.events(id);
      const conv = this.conversations.get(id);
      if (!conv && events.length === 0) continue;
      views.push(deriveView(id, conv, events));
    }
    views.sort((a, b) => a.startedAt - b.startedAt);
    this.store.update({ conversations: views });
  }

  private schedulePersist(): void {
    if (this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => this.persistNow(), 300);
  }

  private persistNow(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    if (this.visitorId === null) return;
    const cached: CachedHistory = {
      visitor: this.visitorId,
      log: this.client.log.serialize(MAX_CACHED_EVENTS),
    };
    writeJSON(this.key('history'), cached);
  }
}

/** Combine the server's conversation object with what its events say (events win when newer). */
function deriveView(id: string, conv: Conversation | undefined, events: readonly KefuEvent[]): ConversationView {
  let state: ConversationView['state'] = conv?.state ?? 'queued';
  let agent: NamedRef | null = conv?.agent ?? null;
  const lastEventSeq = events.length > 0 ? events[events.length - 1]!.seq : 0;
  if (!conv || lastEventSeq > conv.last_seq) {
    for (const ev of events) {
      if (ev.kind !== 'system') continue;
      if (ev.code === 'assigned' && 'agent' in ev) {
        state = 'assigned';
        agent = ev.agent as NamedRef;
      } else if (ev.code === 'closed') {
        state = 'closed';
      } else if (ev.code === 'queued' && state !== 'assigned') {
        state = 'queued';
      }
    }
  }
  const startedAt = conv?.created_at ?? events[0]?.at ?? Date.now();
  return { id, events, state, agent, startedAt };
}
