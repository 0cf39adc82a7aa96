// State and behaviour of the visitor widget, independent of rendering.

import { KefuClient, wsUrlFor, type ConnectionState, type PendingCommand } from '../shared/client';
import { EventLog, type SerializedLog } from '../shared/eventlog';
import { normalizeLang, type Lang, type Params } from '../shared/i18n';
import { newCommandId } from '../shared/ids';
import { errorKey } from '../shared/messages';
import {
  MAX_SUGGEST_CHARS,
  MAX_TYPING_CHARS,
  type Conversation,
  type ConversationState,
  type ErrorFrame,
  type KbQuestionRef,
  type KefuEvent,
  type NamedRef,
  type QueueStatusFrame,
  type SuggestionsFrame,
  type VisitorHello,
  type WelcomeBot,
  type WelcomeFrame,
  type WelcomeQueue,
  type WelcomeSelfService,
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
  /** A verified identity signed by the enterprise's site (data-identity), sent in `hello`. */
  identity?: string;
}

/** Limits of a `leave_message` (docs/protocol.md). */
export const LEAVE_LIMITS = { name: 50, contact: 100, text: 2000 } as const;

/** Why the widget offers to leave a message. */
export type LeaveReason = 'queue_full' | 'queue_closed' | 'hours';

/**
 * The leave-message offer: after a `queue_full` / `queue_closed` refusal, or up front when the
 * welcome says the queue is outside business hours.
 */
export interface LeaveOffer {
  reason: LeaveReason;
  /** When the queue opens next, if known (the welcome's, or a `queue_closed` refusal's). */
  opensAt: number | null;
  /** Text the visitor tried to send, to start the message with. */
  draft: string;
  /** The form is showing (a refusal first offers it with a button). */
  formOpen: boolean;
  /** The visitor may go back to the chat (not outside business hours). */
  dismissible: boolean;
  /** The message was stored (acknowledged). */
  sent: boolean;
  /** Why the last attempt failed, for the form. */
  error: Notice | null;
}

/** What the visitor typed into the leave-message form. */
export interface LeaveMessageInput {
  name: string;
  contact: string;
  text: string;
}

export interface Notice {
  key: WidgetMessageKey;
  params?: Params;
}

/** What the UI shows about one conversation, derived from the server's object and its events. */
export interface ConversationView {
  id: string;
  events: readonly KefuEvent[];
  state: ConversationState;
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
  /** The bot of the visitor's queue when it is bot-first (from welcome), else null. */
  bot: WelcomeBot | null;
  /** Self-service while waiting for a person (from welcome), else null. */
  selfService: WelcomeSelfService | null;
  /** Knowledge-base questions for what the visitor is typing (empty: nothing to show). */
  suggestions: readonly KbQuestionRef[];
  /** Bot answers the visitor rated, by ratingKey(conversation, seq): true when helpful. */
  ratings: Readonly<Record<string, boolean>>;
  /** A `handoff` is waiting for its ack. */
  handoffPending: boolean;
  /** The visitor's queue as the latest welcome describes it (null: older server or not yet). */
  queue: WelcomeQueue | null;
  /** The latest place in line of the open conversation while it is queued. */
  queueStatus: QueueStatusFrame | null;
  /** The offer to leave a message instead of chatting, if any. */
  leave: LeaveOffer | null;
  /** A `leave_message` is waiting for its ack. */
  leavePending: boolean;
}

/** The key of a rated answer in WidgetState.ratings. */
export function ratingKey(conversation: string, seq: number): string {
  return `${conversation}:${seq}`;
}

const MAX_CACHED_EVENTS = 500;
const NOTICE_MS = 8_000;
/** Pause in typing before asking for suggestions. */
const SUGGEST_DEBOUNCE_MS = 150;
/** At most one typing preview per this interval. */
const TYPING_PREVIEW_MS = 300;
/** Ratings remembered across reloads (the newest ones). */
const MAX_REMEMBERED_RATINGS = 200;
/** Re-open the chat locally at the queue's next opening when it is this close (setTimeout range). */
const MAX_REOPEN_WAIT_MS = 24 * 3600 * 1000;
/** Verified identity tokens: base64url payload, a dot, hex signature. */
const IDENTITY_RE = /^[A-Za-z0-9_.-]{1,2048}$/;

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
  private suggestTimer: ReturnType<typeof setTimeout> | undefined;
  /** Id of the latest `suggest`; answers to any other are stale. */
  private suggestId: string | null = null;
  /** Typing preview: the draft the agent was last told, the latest draft, the pending send. */
  private previewSent = '';
  private previewDraft = '';
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  /** The server refused the page's identity: later hellos go without it (anonymous). */
  private identityRejected = false;

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
      bot: null,
      selfService: null,
      suggestions: [],
      ratings: readRatings(this.key('ratings')),
      handoffPending: false,
      queue: null,
      queueStatus: null,
      leave: null,
      leavePending: false,
    });

    this.client = new KefuClient({
      url: wsUrlFor(config.origin),
      log,
      hello: () => this.hello(),
      handlers: {
        welcome: (f) => this.onWelcome(f),
        event: (ev) => this.onEvent(ev),
        conversation: (c) => this.onConversation(c),
        suggestions: (f) => this.onSuggestions(f),
        queueStatus: (f) => this.onQueueStatus(f),
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
    this.hideSuggestions();
    clearTimeout(this.reopenTimer);
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
    this.hideSuggestions();
    // The message itself replaces the preview on the agent's side.
    clearTimeout(this.previewTimer);
    this.previewTimer = undefined;
    this.previewSent = '';
    this.previewDraft = '';
    // Visitors omit `conversation`: the server appends to the open one or starts a new one.
    this.client.submit({ type: 'send', text: trimmed });
    return true;
  }

  /**
   * Tell the agent serving the open conversation what the visitor is typing (at most one
   * `typing` per TYPING_PREVIEW_MS, the latest draft last; cleared at once). Not stored.
   */
  private preview(text: string): void {
    const open = this.openConversation();
    const draft = open?.state === 'assigned' ? text.slice(0, MAX_TYPING_CHARS) : '';
    this.previewDraft = draft;
    const flush = () => {
      this.previewTimer = undefined;
      if (this.previewDraft === this.previewSent) return;
      const id = newCommandId();
      if (this.client.sendVolatile({ type: 'typing', id, text: this.previewDraft })) {
        this.previewSent = this.previewDraft;
      }
    };
    if (draft.trim() === '') {
      clearTimeout(this.previewTimer);
      this.previewDraft = '';
      flush();
      return;
    }
    if (this.previewTimer === undefined) this.previewTimer = setTimeout(flush, TYPING_PREVIEW_MS);
  }

  /** Ask for a person while the bot serves the open conversation. */
  handoff(): void {
    const open = this.openConversation();
    if (!open || open.state !== 'bot' || this.store.get().handoffPending) return;
    this.client.submit({ type: 'handoff', conversation: open.id });
  }

  /** Rate a bot answer, once. */
  rate(conversation: string, seq: number, helpful: boolean): void {
    const key = ratingKey(conversation, seq);
    if (key in this.store.get().ratings) return;
    this.setRating(key, helpful);
    this.client.submit({ type: 'rate', conversation, seq, helpful });
  }

  /**
   * Whether typing asks for suggestions: no person serves the visitor yet, and either the
   * queue's bot offers them (no open conversation yet, or the bot still has it) or self-service
   * does while the visitor waits for a person (or is about to).
   */
  suggestionsEnabled(): boolean {
    const { bot, selfService } = this.store.get();
    const open = this.openConversation();
    if (bot?.suggestions && (!open || open.state === 'bot')) return true;
    return !!selfService?.suggestions && (!open || open.state === 'queued');
  }

  /** The composer's text changed: ask for suggestions after a pause (stale ones are hidden). */
  typing(text: string): void {
    this.preview(text);
    clearTimeout(this.suggestTimer);
    this.suggestTimer = undefined;
    if (text.trim() === '' || !this.suggestionsEnabled()) {
      this.hideSuggestions();
      return;
    }
    this.suggestTimer = setTimeout(() => {
      this.suggestTimer = undefined;
      const id = newCommandId();
      this.suggestId = id;
      this.client.sendVolatile({ type: 'suggest', id, text: text.slice(0, MAX_SUGGEST_CHARS) });
    }, SUGGEST_DEBOUNCE_MS);
  }

  /** Hide suggestions and ignore answers still on their way. */
  hideSuggestions(): void {
    clearTimeout(this.suggestTimer);
    this.suggestTimer = undefined;
    this.suggestId = null;
    if (this.store.get().suggestions.length > 0) this.store.update({ suggestions: [] });
  }

  /** End the visitor's open conversation, if any. */
  endConversation(): void {
    const open = this.openConversation();
    if (open) this.client.submit({ type: 'close', conversation: open.id });
  }

  /** Leave the queue: closes the waiting conversation (counted as abandoned). */
  leaveQueue(): void {
    const open = this.openConversation();
    if (open && open.state === 'queued') this.client.submit({ type: 'close', conversation: open.id });
  }

  /**
   * Leave a message for the people while the bot still answers: outside business hours, or
   * after the bot could not hand over (a full or closed queue, told by a `notice`).
   */
  leaveMessageNow(): void {
    if (this.store.get().leave) return;
    const reason: LeaveReason = this.store.get().queue?.open === false ? 'hours' : 'queue_full';
    this.store.update({
      leave: { reason, opensAt: this.store.get().queue?.opens_at ?? null, draft: '', formOpen: true, dismissible: true, sent: false, error: null },
    });
  }

  /** Show the leave-message form of the current offer. */
  openLeaveForm(): void {
    const leave = this.store.get().leave;
    if (leave && !leave.formOpen) this.store.update({ leave: { ...leave, formOpen: true } });
  }

  /** Go back to the chat from a refusal's offer; a refused message returns to the composer. */
  dismissLeave(): void {
    const leave = this.store.get().leave;
    if (!leave || !leave.dismissible) return;
    this.store.update({ leave: null });
    if (!leave.sent && leave.draft !== '') this.store.update({ returnedText: leave.draft });
  }

  /**
   * Leave a message for the team (through the outbox, like every command). Returns false when
   * the input is not valid or a message is already on its way.
   */
  leaveMessage(input: LeaveMessageInput): boolean {
    const { leave, leavePending } = this.store.get();
    if (!leave || leave.sent || leavePending) return false;
    const name = input.name.trim();
    const contact = input.contact.trim();
    const text = input.text.trim();
    if (contact === '' || text === '' || contact.length > LEAVE_LIMITS.contact) return false;
    if (text.length > LEAVE_LIMITS.text || name.length > LEAVE_LIMITS.name) return false;
    const queue = this.store.get().queue?.slug ?? this.config.queue;
    this.client.submit({
      type: 'leave_message',
      contact,
      text,
      ...(name !== '' ? { name } : {}),
      ...(queue ? { queue } : {}),
    });
    this.store.update({ leave: { ...leave, error: null } });
    return true;
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
    const identity = this.config.identity;
    if (identity && !this.identityRejected && IDENTITY_RE.test(identity)) frame.identity = identity;
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
    this.store.update({
      everConnected: true,
      fatal: null,
      visitorName: frame.visitor.name,
      bot: frame.bot ?? null,
      selfService: frame.self_service ?? null,
      queue: frame.queue ?? null,
    });
    this.refreshConversations();
    this.applyBusinessHours();
    this.schedulePersist();
  }

  /**
   * Outside business hours (welcome `queue.open` false). In a human-first queue a visitor without
   * an open conversation cannot start a chat: the leave-message form takes the composer's place.
   * A bot-first queue's bot still answers; the widget offers the form beside it (leaveMessageNow).
   * Back within hours the up-front form goes away.
   */
  private applyBusinessHours(): void {
    clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    const { queue, leave, bot } = this.store.get();
    if (queue === null || queue.open !== false) {
      if (leave?.reason === 'hours') this.store.update({ leave: null });
      return;
    }
    if (bot === null && !leave && !this.openConversation()) {
      this.store.update({
        leave: { reason: 'hours', opensAt: queue.opens_at ?? null, draft: '', formOpen: true, dismissible: false, sent: false, error: null },
      });
    }
    // Open again locally at the next opening; a reconnect's welcome would say so too.
    const wait = queue.opens_at !== null ? queue.opens_at - Date.now() : -1;
    if (wait > 0 && wait <= MAX_REOPEN_WAIT_MS) {
      this.reopenTimer = setTimeout(() => {
        const q = this.store.get().queue;
        if (q) this.store.update({ queue: { ...q, open: true, opens_at: null } });
        this.applyBusinessHours();
      }, wait + 1_000);
    }
  }

  private onQueueStatus(frame: QueueStatusFrame): void {
    if (typeof frame.conversation !== 'string' || typeof frame.position !== 'number') return;
    this.store.update({ queueStatus: frame });
  }

  private onEvent(ev: KefuEvent): void {
    const { open } = this.store.get();
    // Replayed history is not news; only count agent messages newer than the welcome.
    const known = this.seqAtWelcome.get(ev.conversation) ?? 0;
    const fromUs =
      (ev.kind === 'message' && (ev.author.role === 'agent' || ev.author.role === 'bot')) ||
      (ev.kind === 'system' && ev.code === 'notice');
    if (!open && ev.seq > known && fromUs) {
      this.store.update((s) => ({ unseen: s.unseen + 1 }));
    }
    this.refreshConversations();
    this.refreshOutgoing();
    this.schedulePersist();
    // A person took over: suggestions no longer apply.
    if (!this.suggestionsEnabled()) this.hideSuggestions();
  }

  private onConversation(c: Conversation): void {
    this.conversations.set(c.id, c);
    this.refreshConversations();
    if (!this.suggestionsEnabled()) this.hideSuggestions();
  }

  private onSuggestions(frame: SuggestionsFrame): void {
    // Only the answer to the latest question counts; older ones arrive late or were cancelled.
    if (frame.id !== this.suggestId || !Array.isArray(frame.items)) return;
    this.store.update({ suggestions: frame.items.slice(0, 5) });
  }

  private onAck(conversation: string | undefined, seq: number | undefined, cmd: PendingCommand): void {
    this.outgoing.acknowledge(cmd, conversation, seq);
    if (cmd.body.type === 'leave_message') {
      const leave = this.store.get().leave;
      if (leave) this.store.update({ leave: { ...leave, sent: true, formOpen: false, draft: '', error: null } });
    }
    this.refreshOutgoing();
  }

  private onCommandError(err: ErrorFrame, cmd: PendingCommand): void {
    const body = cmd.body;
    if ((err.code === 'queue_full' || err.code === 'queue_closed') && (body.type === 'send' || body.type === 'handoff')) {
      // No room for a person now (or outside business hours): offer to leave a message,
      // starting with what the visitor tried to send.
      this.hideSuggestions();
      const draft = body.type === 'send' ? body.text : '';
      // The server's message is for developers; the widget words it itself, in the visitor's language.
      const opensAt = err.code === 'queue_closed' && typeof err.opens_at === 'number' ? err.opens_at : null;
      this.store.update({
        leave: { reason: err.code, opensAt, draft, formOpen: false, dismissible: true, sent: false, error: null },
      });
      this.refreshOutgoing();
      return;
    }
    if (body.type === 'leave_message') {
      const leave = this.store.get().leave;
      if (leave) {
        // A tailored text when there is one (too long, rate limited…), else a plain "try later".
        const key = errorKey(err.code);
        const error: Notice =
          key === 'err.generic' ? { key: 'leave.err.failed' } : { key, params: { code: err.code, max: LEAVE_LIMITS.text } };
        this.store.update({ leave: { ...leave, formOpen: true, error } });
      }
      this.refreshOutgoing();
      return;
    }
    if (body.type === 'handoff') {
      // `conflict`: a person already has the conversation; its events tell the rest.
      if (err.code !== 'conflict') this.showNotice({ key: 'err.handoff' });
      this.refreshOutgoing();
      return;
    }
    if (body.type === 'rate') {
      // Not counted: offer the buttons again.
      this.setRating(ratingKey(body.conversation, body.seq), null);
    }
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
    if (err.code === 'bad_identity') {
      // The page's identity was refused (tampered, malformed, expired): chat on anonymously and
      // stop offering it. Neither the token nor the server's reason is logged.
      this.identityRejected = true;
      console.warn('[kefu] the verified identity was not accepted; continuing as an anonymous visitor');
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
    const pending = this.client.pending();
    this.store.update({
      outgoing: this.outgoing.list(pending),
      handoffPending: pending.some((cmd) => cmd.body.type === 'handoff'),
      leavePending: pending.some((cmd) => cmd.body.type === 'leave_message'),
    });
  }

  private setRating(key: string, helpful: boolean | null): void {
    const ratings = { ...this.store.get().ratings };
    if (helpful === null) delete ratings[key];
    else ratings[key] = helpful;
    this.store.update({ ratings });
    writeRatings(this.key('ratings'), ratings);
  }

  private refreshConversations(): void {
    const log = this.client.log;
    const ids = new Set<string>([...this.conversations.keys(), ...log.conversationIds()]);
    const views: ConversationView[] = [];
    for (const id of ids) {
      const events = log.events(id);
      const conv = this.conversations.get(id);
      if (!conv && events.length === 0) continue;
      views.push(deriveView(id, conv, events, this.store.get().bot !== null));
    }
    views.sort((a, b) => a.startedAt - b.startedAt);
    this.store.update({ conversations: views });
    // The place in line only means something while the open conversation waits.
    // Forget it once that conversation is served or ended, so a later requeue starts afresh.
    const { queueStatus } = this.store.get();
    const view = queueStatus ? views.find((v) => v.id === queueStatus.conversation) : undefined;
    if (view && (view.state === 'assigned' || view.state === 'closed')) this.store.update({ queueStatus: null });
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

/**
 * Combine the server's conversation object with what its events say: events after the
 * object's last_seq (all of them when there is no object) move the state on.
 */
function deriveView(
  id: string,
  conv: Conversation | undefined,
  events: readonly KefuEvent[],
  botFirst: boolean,
): ConversationView {
  // Without the server's object, a conversation in a bot-first queue starts with the bot.
  let state: ConversationState = conv?.state ?? (botFirst ? 'bot' : 'queued');
  let agent: NamedRef | null = conv?.agent ?? null;
  const after = conv?.last_seq ?? 0;
  for (const ev of events) {
    if (ev.seq <= after || state === 'closed') continue;
    if (ev.kind === 'message') {
      // The bot speaks only while it has the conversation; its `transfer` hands it on.
      // Self-service answers while waiting leave the conversation queued.
      if (ev.author.role === 'bot' && !(ev.bot?.kind === 'answer' && ev.bot.waiting)) {
        state = ev.bot?.kind === 'transfer' ? 'queued' : 'bot';
      }
    } else if (ev.code === 'assigned' && 'agent' in ev) {
      state = 'assigned';
      agent = ev.agent as NamedRef;
    } else if (ev.code === 'closed') {
      state = 'closed';
    } else if (ev.code === 'queued' || ev.code === 'requeued') {
      // `requeued`: the router took it back from an agent; `queued` follows.
      state = 'queued';
      agent = null;
    }
  }
  const startedAt = conv?.created_at ?? events[0]?.at ?? Date.now();
  return { id, events, state, agent, startedAt };
}

function readRatings(key: string): Record<string, boolean> {
  const list = readJSON<unknown>(key);
  const out: Record<string, boolean> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (Array.isArray(item) && typeof item[0] === 'string' && typeof item[1] === 'boolean') out[item[0]] = item[1];
  }
  return out;
}

/** Stored as [key, helpful] pairs, oldest first, so the newest survive the cap. */
function writeRatings(key: string, ratings: Readonly<Record<string, boolean>>): void {
  const list = Object.entries(ratings).slice(-MAX_REMEMBERED_RATINGS);
  writeJSON(key, list);
}
