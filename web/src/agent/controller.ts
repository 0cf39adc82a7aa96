// State and behaviour of the agent workspace, independent of rendering.

import { KefuClient, wsUrlFor, type ConnectionState, type PendingCommand } from '../shared/client';
import { normalizeLang, type Lang, type Params } from '../shared/i18n';
import { errorKey } from '../shared/messages';
import { OutgoingTracker, type OutgoingMessage } from '../shared/outgoing';
import type {
  AckFrame,
  Agent,
  AgentStatus,
  Author,
  BoardFrame,
  CloseCommand,
  CommandBody,
  Conversation,
  ErrorFrame,
  KefuEvent,
  StatusCommand,
  TransferCommand,
  WelcomeFrame,
} from '../shared/protocol';
import { readString, writeString } from '../shared/storage';
import { Store } from '../shared/store';
import { api, ApiError, type CannedCategory, type CannedReply, type Session, type Tenant } from './api';
import type { AgentMessageKey } from './messages';
import { routingApi, type Board } from './routing/api';

export type Phase = 'checking' | 'login' | 'workspace';

export interface Notice {
  key: AgentMessageKey;
  params?: Params;
}

export interface ConversationItem {
  conv: Conversation;
  unread: number;
  /** Text of the last message, if any. */
  preview: string | null;
  /** Who wrote that message (null without one). */
  previewAuthor: Author | null;
  /** The knowledge-base bot talked with the visitor before the conversation came to a person. */
  fromBot: boolean;
  lastAt: number;
}

export interface WorkspaceState {
  lang: Lang;
  phase: Phase;
  user: Agent | null;
  tenant: Tenant | null;
  loginBusy: boolean;
  loginError: Notice | null;
  connection: ConnectionState;
  everConnected: boolean;
  /** The status the agent asked for; the server's view is user.status. */
  desiredStatus: AgentStatus;
  items: readonly ConversationItem[];
  transcripts: Readonly<Record<string, readonly KefuEvent[]>>;
  outgoing: readonly OutgoingMessage[];
  selectedId: string | null;
  drafts: Readonly<Record<string, string>>;
  canned: readonly CannedReply[] | null;
  /** The tenant's canned-reply categories, in order. */
  cannedCategories: readonly CannedCategory[];
  cannedFailed: boolean;
  cannedOpen: boolean;
  notice: Notice | null;
  /** Supervisors and administrators: the live board (queues and agents), once known. */
  board: Board | null;
  /** What each assigned conversation's visitor is typing now (not sent, never stored). */
  typing: Readonly<Record<string, TypingPreview>>;
}

/** A visitor's draft as the typing preview shows it. */
export interface TypingPreview {
  text: string;
  /** When it arrived (local clock): an old one fades out. */
  receivedAt: number;
}

/** A command the server refused (`error` frame), for callers that wait for the outcome. */
export class CommandError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message || code);
    this.name = 'CommandError';
    this.code = code;
  }
}

/** Where a `transfer` sends the conversation: exactly one of them. */
export type TransferTarget = { agent: string; name: string } | { queue: string; name: string };

interface Waiter {
  resolve: (ack: AckFrame) => void;
  reject: (err: Error) => void;
}

const NOTICE_MS = 8_000;
/** A typing preview with no news for this long is hidden (the visitor went quiet). */
const TYPING_STALE_MS = 15_000;
const LANG_KEY = 'kefu.agent.lang';
const TENANT_KEY = 'kefu.agent.tenant';
const EMAIL_KEY = 'kefu.agent.email';
const STATUS_KEY = 'kefu.agent.status';

export class WorkspaceController {
  readonly store: Store<WorkspaceState>;
  private client: KefuClient | null = null;
  private outgoingTracker: OutgoingTracker | null = null;
  private csrf = '';
  private readonly convs = new Map<string, Conversation>();
  /** Highest seq we sent `read` for, per conversation. */
  private readonly readSent = new Map<string, number>();
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Commands whose outcome a caller awaits (transfer, status of another agent), by id. */
  private readonly waiters = new Map<string, Waiter>();
  /** Counts board updates, so a slower GET /api/board never overwrites a newer frame. */
  private boardVersion = 0;
  /** Conversations we are transferring ourselves. */
  private readonly transferring = new Set<string>();

  constructor() {
    this.store = new Store<WorkspaceState>({
      lang: normalizeLang(readString(LANG_KEY)) ?? 'zh-CN',
      phase: 'checking',
      user: null,
      tenant: null,
      loginBusy: false,
      loginError: null,
      connection: 'stopped',
      everConnected: false,
      desiredStatus: (readString(STATUS_KEY, 'session') as AgentStatus | null) ?? 'online',
      items: [],
      transcripts: {},
      outgoing: [],
      selectedId: null,
      drafts: {},
      canned: null,
      cannedCategories: [],
      cannedFailed: false,
      cannedOpen: readString('kefu.agent.cannedOpen') !== '0',
      notice: null,
      board: null,
      typing: {},
    });
    document.addEventListener('visibilitychange', () => this.markSelectedRead());
  }

  /** On page load: reuse an existing session if the cookie is still valid. */
  async init(): Promise<void> {
    try {
      const session = await api.me();
      if (session) this.enterWorkspace(session);
      else this.store.update({ phase: 'login' });
    } catch {
      this.store.update({ phase: 'login' });
    }
  }

  // -- login / logout ----------------------------------------------------------------

  /** Initial values for the login form: ?tenant= wins, then the last one used. */
  loginDefaults(): { tenant: string; email: string } {
    const fromQuery = new URLSearchParams(location.search).get('tenant');
    return {
      tenant: fromQuery || readString(TENANT_KEY) || 'demo-bank',
      email: readString(EMAIL_KEY) ?? '',
    };
  }

  async login(tenant: string, email: string, password: string): Promise<void> {
    this.store.update({ loginBusy: true, loginError: null });
    try {
      const session = await api.login(tenant.trim(), email.trim(), password);
      writeString(TENANT_KEY, tenant.trim());
      writeString(EMAIL_KEY, email.trim());
      // A fresh login always starts online (the workspace's default).
      this.setDesiredStatus('online');
      this.enterWorkspace(session);
    } catch (e) {
      this.store.update({ loginError: loginErrorNotice(e) });
    } finally {
      this.store.update({ loginBusy: false });
    }
  }

  async logout(): Promise<void> {
    const csrf = this.csrf;
    this.leaveWorkspace(null);
    try {
      await api.logout(csrf);
    } catch {
      /* the session is gone locally either way */
    }
  }

  private enterWorkspace(session: Session): void {
    this.csrf = session.csrf_token;
    this.convs.clear();
    this.readSent.clear();
    this.store.update({
      phase: 'workspace',
      user: session.user,
      tenant: session.tenant,
      loginError: null,
      items: [],
      transcripts: {},
      outgoing: [],
      selectedId: null,
      drafts: {},
      everConnected: false,
    });
    const client = new KefuClient({
      url: wsUrlFor(location.origin),
      hello: () => ({ type: 'hello', role: 'agent' }),
      handlers: {
        welcome: (f) => this.onWelcome(f),
        board: (f) => this.onBoard(f),
        typing: (f) => this.onTyping(f.conversation, typeof f.text === 'string' ? f.text : ''),
        event: (ev) => this.onEvent(ev),
        conversation: (c) => this.onConversation(c),
        agent: (a) => this.onAgent(a),
        ack: (ack, cmd) => this.onAck(ack, cmd),
        commandError: (err, cmd) => this.onCommandError(err, cmd),
        error: (err) => this.onError(err),
        state: (connection) => this.store.update({ connection }),
        outbox: () => this.refreshOutgoing(),
      },
    });
    this.client = client;
    this.outgoingTracker = new OutgoingTracker(client.log);
    client.start();
    void this.loadCanned();
  }

  private leaveWorkspace(loginError: Notice | null): void {
    this.client?.stop();
    for (const w of this.waiters.values()) w.reject(new CommandError('stopped', 'signed out'));
    this.waiters.clear();
    this.client = null;
    this.outgoingTracker = null;
    this.csrf = '';
    this.convs.clear();
    this.store.update({
      phase: 'login',
      user: null,
      tenant: null,
      loginError,
      items: [],
      transcripts: {},
      outgoing: [],
      selectedId: null,
      drafts: {},
      canned: null,
      cannedCategories: [],
      connection: 'stopped',
      board: null,
      typing: {},
    });
  }

  /** (Re)loads the canned replies and their categories, e.g. after one was saved. */
  async loadCanned(): Promise<void> {
    try {
      const [canned, cannedCategories] = await Promise.all([api.cannedReplies(), api.cannedCategories()]);
      this.store.update({ canned, cannedCategories, cannedFailed: false });
    } catch {
      this.store.update({ canned: this.store.get().canned ?? [], cannedFailed: true });
    }
  }

  // -- user actions ----------------------------------------------------------------

  setLang(lang: Lang): void {
    writeString(LANG_KEY, lang);
    this.store.update({ lang });
  }

  setStatus(status: StatusCommand['status']): void {
    this.setDesiredStatus(status);
    this.client?.submit({ type: 'status', status });
  }

  /** End after-chat work (wrap-up) now: back online. */
  endWrapUp(): void {
    this.setStatus('online');
  }

  /** Supervisors and administrators: set another agent's status; settles with the server's answer. */
  async setAgentStatus(agentId: string, status: StatusCommand['status']): Promise<void> {
    if (agentId === this.store.get().user?.id) {
      this.setStatus(status);
      return;
    }
    await this.command({ type: 'status', status, agent: agentId });
  }

  /**
   * Move a conversation to another agent or to a queue (the assigned agent, or a supervisor or
   * administrator for any open conversation). Resolves once the server committed it; rejects
   * with a CommandError (`agent_unavailable`, `forbidden`, …) when refused.
   */
  async transfer(conversation: string, target: TransferTarget, note: string): Promise<void> {
    const body: TransferCommand = { type: 'transfer', conversation };
    if ('agent' in target) body.agent = target.agent;
    else body.queue = target.queue;
    const trimmed = note.trim();
    if (trimmed !== '') body.note = trimmed;
    // The conversation leaving our list is expected now: no "moved away" notice for it.
    this.transferring.add(conversation);
    try {
      await this.command(body);
    } finally {
      setTimeout(() => this.transferring.delete(conversation), 10_000);
    }
    // It is someone else's (or the queue's) now; the server's `conversation` frame says so too.
    const me = this.store.get().user;
    if (this.convs.has(conversation) && !('agent' in target && target.agent === me?.id)) {
      this.removeConversation(conversation);
    }
    this.showNotice({ key: 'transfer.done', params: { target: target.name } });
  }

  /** The board for the first paint (frames keep it live afterwards). */
  async loadBoard(): Promise<void> {
    const version = this.boardVersion;
    const board = await routingApi.board();
    if (this.boardVersion !== version || this.store.get().phase !== 'workspace') return;
    this.boardVersion++;
    this.store.update({ board });
  }

  select(id: string | null): void {
    this.store.update({ selectedId: id });
    this.markSelectedRead();
  }

  setDraft(id: string, text: string): void {
    this.store.update((s) => ({ drafts: { ...s.drafts, [id]: text } }));
  }

  /** Send the draft of a conversation; returns false when there was nothing to send. */
  sendReply(id: string): boolean {
    const text = (this.store.get().drafts[id] ?? '').trim();
    const conv = this.convs.get(id);
    if (!this.client || text === '' || !conv || conv.state === 'closed') return false;
    this.client.submit({ type: 'send', conversation: id, text });
    this.setDraft(id, '');
    return true;
  }

  /**
   * Close a conversation, with its inquiry classification and summary when given. Resolves once
   * the server committed the close; rejects with a CommandError (`classification_required` when
   * the tenant requires a classification, `bad_frame` for a node that cannot be chosen, …).
   */
  async closeWith(id: string, classification?: string, summary?: string): Promise<void> {
    const body: CloseCommand = { type: 'close', conversation: id };
    if (classification) body.classification = classification;
    const trimmed = summary?.trim() ?? '';
    if (trimmed !== '') body.summary = trimmed;
    await this.command(body);
  }

  /** Remove a closed conversation from the list. */
  dismiss(id: string): void {
    const conv = this.convs.get(id);
    if (!conv || conv.state !== 'closed') return;
    this.removeConversation(id);
  }

  setCannedOpen(open: boolean): void {
    writeString('kefu.agent.cannedOpen', open ? '1' : '0');
    this.store.update({ cannedOpen: open });
  }

  retryNow(): void {
    this.client?.reconnectNow();
  }

  dismissNotice(): void {
    clearTimeout(this.noticeTimer);
    this.store.update({ notice: null });
  }

  maxTextChars(): number {
    return this.client?.limits.max_text_chars ?? 4000;
  }

  /** The CSRF token of the session, for REST calls that change state ('' when signed out). */
  csrfToken(): string {
    return this.csrf;
  }

  // -- protocol --------------------------------------------------------------------

  private setDesiredStatus(status: AgentStatus): void {
    writeString(STATUS_KEY, status, 'session');
    this.store.update({ desiredStatus: status });
  }

  /** Submit a command and wait for its `ack` (or the `error` that refuses it). */
  private command(body: CommandBody): Promise<AckFrame> {
    const client = this.client;
    if (!client) return Promise.reject(new CommandError('stopped', 'not connected'));
    return new Promise<AckFrame>((resolve, reject) => {
      const cmd = client.submit(body);
      this.waiters.set(cmd.id, { resolve, reject });
    });
  }

  private onWelcome(frame: WelcomeFrame): void {
    if (frame.role === 'visitor') return;
    const listed = new Set(frame.conversations.map((c) => c.id));
    // Open conversations the server no longer lists were closed or moved while we were away.
    for (const [id, c] of this.convs) {
      if (!listed.has(id) && c.state !== 'closed') this.removeConversation(id, false);
    }
    for (const c of frame.conversations) this.convs.set(c.id, c);
    this.store.update({ user: frame.agent, everConnected: true });
    const desired = this.store.get().desiredStatus;
    // Reconnecting during wrap-up must not end it: the agent chose online, the server adds wrap-up.
    const wrapping = frame.agent.status === 'wrap_up' && desired === 'online';
    if (frame.agent.status !== desired && desired !== 'wrap_up' && !wrapping) {
      this.client?.submit({ type: 'status', status: desired });
    }
    this.refreshItems();
  }

  /** Our own status or load changed, by us, a supervisor or the router. */
  private onAgent(agent: Agent): void {
    this.store.update({ user: agent });
    // A change we did not ask for (a supervisor set us away, the router after an unanswered
    // chat) becomes what we want, so a reconnect does not undo it. Not while our own status
    // command is still on its way.
    const ownPending = this.client
      ?.pending()
      .some((c) => c.body.type === 'status' && !c.body.agent);
    if (!ownPending && agent.status !== 'wrap_up' && agent.status !== this.store.get().desiredStatus) {
      this.setDesiredStatus(agent.status);
    }
  }

  private onBoard(frame: BoardFrame): void {
    this.boardVersion++;
    this.store.update({ board: { queues: frame.queues ?? [], agents: frame.agents ?? [] } });
    // Our own row is the freshest word on our status too.
    const me = this.store.get().user;
    const mine = me && frame.agents?.find((a) => a.id === me.id);
    if (mine && (mine.status !== me.status || mine.load !== me.load || mine.state !== me.state)) {
      this.store.update({ user: { ...me, ...mine } });
    }
  }

  /** A visitor's draft: shown until cleared, sent, or quiet for a while. */
  private onTyping(conversation: string, text: string): void {
    const typing = { ...this.store.get().typing };
    clearTimeout(this.typingTimers.get(conversation));
    if (text.trim() === '') {
      delete typing[conversation];
    } else {
      typing[conversation] = { text, receivedAt: Date.now() };
      this.typingTimers.set(conversation, setTimeout(() => this.onTyping(conversation, ''), TYPING_STALE_MS));
    }
    this.store.update({ typing });
  }

  private onEvent(ev: KefuEvent): void {
    const log = this.client?.log;
    if (!log) return;
    // The visitor's message (or the end of the chat) replaces their draft.
    if (ev.conversation in this.store.get().typing && (ev.kind !== 'message' || ev.author.role === 'visitor')) {
      this.onTyping(ev.conversation, '');
    }
    this.store.update((s) => ({
      transcripts: { ...s.transcripts, [ev.conversation]: log.events(ev.conversation) },
    }));
    this.refreshItems();
    this.refreshOutgoing();
    if (ev.conversation === this.store.get().selectedId) this.markSelectedRead();
  }

  private onConversation(c: Conversation): void {
    const me = this.store.get().user;
    const mine = !!me && !!c.agent && c.agent.id === me.id;
    if (me && !mine && c.state !== 'closed') {
      // Transferred to someone else or back to a queue (or taken back by the router): it left
      // our view.
      const known = this.convs.get(c.id);
      if (known) {
        if (known.state !== 'closed' && !this.transferring.has(c.id)) {
          this.showNotice({ key: 'list.movedAway', params: { visitor: known.visitor.name } });
        }
        this.removeConversation(c.id);
      }
      return;
    }
    // A conversation that already left us and was then closed elsewhere is not ours to show.
    if (me && !mine && !this.convs.has(c.id)) return;
    this.convs.set(c.id, c);
    this.refreshItems();
    if (c.id === this.store.get().selectedId) this.markSelectedRead();
  }

  private onAck(ack: AckFrame, cmd: PendingCommand): void {
    this.outgoingTracker?.acknowledge(cmd, ack.conversation, ack.seq);
    this.refreshOutgoing();
    const waiter = this.waiters.get(cmd.id);
    if (waiter) {
      this.waiters.delete(cmd.id);
      waiter.resolve(ack);
    }
  }

  private onCommandError(err: ErrorFrame, cmd: PendingCommand): void {
    const waiter = this.waiters.get(cmd.id);
    if (waiter) {
      // The caller shows the reason where the user acted (the transfer dialog, the board).
      this.waiters.delete(cmd.id);
      waiter.reject(new CommandError(err.code, err.message ?? ''));
      this.refreshOutgoing();
      return;
    }
    this.showNotice({ key: errorKey(err.code), params: { code: err.code, max: this.maxTextChars() } });
    const body = cmd.body;
    if (body.type === 'send' && body.conversation) {
      const id = body.conversation;
      if ((this.store.get().drafts[id] ?? '').trim() === '') this.setDraft(id, body.text);
    }
    this.refreshOutgoing();
  }

  private onError(err: ErrorFrame): void {
    if (err.code === 'unauthorized') {
      this.leaveWorkspace({ key: 'login.sessionExpired' });
      return;
    }
    console.warn('[kefu] server error', err.code, err.message ?? '');
  }

  private showNotice(notice: Notice): void {
    clearTimeout(this.noticeTimer);
    this.store.update({ notice });
    this.noticeTimer = setTimeout(() => this.store.update({ notice: null }), NOTICE_MS);
  }

  /** Tell the server the selected conversation is read, if the agent can see it. */
  private markSelectedRead(): void {
    const { selectedId, items } = this.store.get();
    if (!selectedId || !this.client || document.visibilityState !== 'visible') return;
    const item = items.find((i) => i.conv.id === selectedId);
    if (!item || item.unread === 0) return;
    const seq = this.client.log.lastSeq(selectedId);
    if (seq === 0 || (this.readSent.get(selectedId) ?? 0) >= seq) return;
    this.readSent.set(selectedId, seq);
    this.client.submit({ type: 'read', conversation: selectedId, seq });
    this.refreshItems();
  }

  // -- derived state ---------------------------------------------------------------

  private removeConversation(id: string, refresh = true): void {
    this.convs.delete(id);
    this.readSent.delete(id);
    this.client?.log.drop(id);
    this.store.update((s) => {
      const transcripts = { ...s.transcripts };
      delete transcripts[id];
      const drafts = { ...s.drafts };
      delete drafts[id];
      return { transcripts, drafts, selectedId: s.selectedId === id ? null : s.selectedId };
    });
    if (refresh) this.refreshItems();
  }

  private unreadOf(conv: Conversation, events: readonly KefuEvent[]): number {
    // The server's count is as of conv.last_seq; a later `read` of ours resets it.
    let base = conv.unread;
    let baseSeq = conv.last_seq;
    const read = this.readSent.get(conv.id) ?? 0;
    if (read >= baseSeq) {
      base = 0;
      baseSeq = read;
    }
    // Conversation frames come only when state or read position changes, so count from the
    // events: visitor messages since, and the server's rule that an agent reply reads the chat.
    let later = 0;
    for (const ev of events) {
      if (ev.seq <= baseSeq || ev.kind !== 'message') continue;
      if (ev.author.role === 'visitor') {
        later++;
      } else if (ev.author.role === 'agent') {
        base = 0;
        later = 0;
      }
    }
    return base + later;
  }

  private refreshItems(): void {
    const log = this.client?.log;
    const items: ConversationItem[] = [];
    for (const conv of this.convs.values()) {
      const events = log?.events(conv.id) ?? [];
      // The last message, preferring what a person wrote: in a conversation handed over by the
      // bot, the customer's words say more than the bot's transfer notice.
      let preview: string | null = null;
      let previewAuthor: Author | null = null;
      for (let i = events.length - 1; i >= 0; i--) {
        const ev = events[i]!;
        if (ev.kind !== 'message') continue;
        if (preview === null) {
          preview = ev.text;
          previewAuthor = ev.author;
        }
        if (ev.author.role !== 'bot') {
          preview = ev.text;
          previewAuthor = ev.author;
          break;
        }
      }
      const fromBot = events.some((ev) => ev.kind === 'message' && ev.author.role === 'bot');
      const lastAt = Math.max(conv.updated_at, events[events.length - 1]?.at ?? 0);
      items.push({ conv, unread: this.unreadOf(conv, events), preview, previewAuthor, fromBot, lastAt });
    }
    // Open conversations first, most recent activity on top; closed ones below.
    items.sort((a, b) => {
      const ac = a.conv.state === 'closed' ? 1 : 0;
      const bc = b.conv.state === 'closed' ? 1 : 0;
      return ac - bc || b.lastAt - a.lastAt;
    });
    this.store.update({ items });
  }

  private refreshOutgoing(): void {
    if (!this.client || !this.outgoingTracker) return;
    this.store.update({ outgoing: this.outgoingTracker.list(this.client.pending()) });
  }
}

function loginErrorNotice(e: unknown): Notice {
  if (e instanceof ApiError) {
    if (e.status === 0) return { key: 'login.error.network' };
    if (e.status === 401 || e.status === 403 || e.status === 404) return { key: 'login.error.invalid' };
    if (e.status === 429) return { key: 'login.error.rate' };
    return { key: 'login.error.generic', params: { message: e.message || e.code } };
  }
  return { key: 'login.error.generic', params: { message: String(e) } };
}
