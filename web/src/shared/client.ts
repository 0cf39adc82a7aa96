// The realtime protocol client shared by the visitor widget and the agent workspace.
//
// Responsibilities:
//  - one WebSocket to /ws, `hello` first, with the resume position of every
//    conversation whose history the caller already holds (see EventLog);
//  - reconnect with exponential backoff (0.5 s doubling up to 10 s, with jitter),
//    immediately when the browser comes back online or the tab becomes visible;
//  - an outbox of commands: each gets an idempotency key once, is sent after
//    `welcome`, and is re-sent with the same key after every reconnect until its
//    `ack` (or a final `error`) arrives — the server deduplicates;
//  - events deduplicated by (conversation, seq) before they reach the caller;
//  - heartbeats: `ping` every `heartbeat_seconds`; a connection silent for too long
//    is dropped and re-established.

import { EventLog } from './eventlog';
import { newCommandId } from './ids';
import {
  DEFAULT_LIMITS,
  FATAL_ERRORS,
  RETRYABLE_ERRORS,
  parseServerFrame,
  type AckFrame,
  type Agent,
  type CommandBody,
  type Conversation,
  type ErrorFrame,
  type HelloFrame,
  type KefuEvent,
  type Limits,
  type BoardFrame,
  type QueueStatusFrame,
  type ServerFrame,
  type SuggestFrame,
  type SuggestionsFrame,
  type TypingFrame,
  type TypingPreviewFrame,
  type WelcomeFrame,
} from './protocol';

/**
 * connecting — opening a socket or waiting for `welcome`;
 * open       — welcomed, commands flow;
 * waiting    — disconnected, a retry is scheduled;
 * failed     — the server refused us for good (bad session, unknown tenant);
 * stopped    — stop() was called.
 */
export type ConnectionState = 'connecting' | 'open' | 'waiting' | 'failed' | 'stopped';

export interface PendingCommand {
  readonly id: string;
  readonly body: CommandBody;
  readonly createdAt: number;
}

export interface ClientHandlers {
  welcome?(frame: WelcomeFrame): void;
  /** A new event (never one already in the log). */
  event?(ev: KefuEvent): void;
  conversation?(c: Conversation): void;
  agent?(a: Agent): void;
  /** The answer to a `suggest` sent with sendVolatile (matched by the caller, by id). */
  suggestions?(frame: SuggestionsFrame): void;
  /** The visitor's place in the queue while their conversation waits. */
  queueStatus?(frame: QueueStatusFrame): void;
  /** Supervisors' live queue and agent figures. */
  board?(frame: BoardFrame): void;
  /** Agents: what the visitor of an assigned conversation is typing (not sent). */
  typing?(frame: TypingPreviewFrame): void;
  ack?(ack: AckFrame, cmd: PendingCommand): void;
  /** A command was refused for good; it has left the outbox. */
  commandError?(err: ErrorFrame, cmd: PendingCommand): void;
  /** An error not tied to a pending command (fatal ones included). */
  error?(err: ErrorFrame): void;
  state?(state: ConnectionState): void;
  outbox?(pending: readonly PendingCommand[]): void;
}

export interface ClientOptions {
  /** ws:// or wss:// URL of the /ws endpoint. */
  url: string;
  /** Builds the hello frame for each connection; `resume` is filled in by the client. */
  hello: () => HelloFrame;
  log?: EventLog;
  handlers: ClientHandlers;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

const CONNECT_TIMEOUT_MS = 15_000;
const RETRY_DELAY_MS: Record<string, number> = { rate_limited: 1_000, unavailable: 2_000 };

export class KefuClient {
  readonly log: EventLog;
  private readonly opts: ClientOptions;
  private readonly h: ClientHandlers;
  private ws: WebSocket | null = null;
  private welcomed = false;
  private current: ConnectionState = 'stopped';
  private attempt = 0;
  private fatal = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private readonly outboxMap = new Map<string, PendingCommand>();
  private readonly retryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private currentLimits: Limits = DEFAULT_LIMITS;

  constructor(opts: ClientOptions) {
    this.opts = opts;
    this.h = opts.handlers;
    this.log = opts.log ?? new EventLog();
  }

  get state(): ConnectionState {
    return this.current;
  }

  get limits(): Limits {
    return this.currentLimits;
  }

  pending(): readonly PendingCommand[] {
    return [...this.outboxMap.values()];
  }

  start(): void {
    if (this.current !== 'stopped') return;
    this.fatal = false;
    this.attempt = 0;
    window.addEventListener('online', this.onBrowserOnline);
    window.addEventListener('offline', this.onBrowserOffline);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.connect();
  }

  stop(): void {
    window.removeEventListener('online', this.onBrowserOnline);
    window.removeEventListener('offline', this.onBrowserOffline);
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.reconnectTimer);
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
    this.dropSocket(1000, 'bye');
    this.setState('stopped');
  }

  /** Queue a command; it is sent now if connected, else after the next welcome. */
  submit(body: CommandBody, id: string = newCommandId()): PendingCommand {
    const cmd: PendingCommand = { id, body, createdAt: Date.now() };
    this.outboxMap.set(id, cmd);
    this.emitOutbox();
    this.transmit(cmd);
    return cmd;
  }

  /**
   * Send a frame that is neither durable nor acknowledged (`suggest`) if connected and
   * welcomed; it is never queued or re-sent. Returns false when it could not be sent.
   */
  sendVolatile(frame: SuggestFrame | TypingFrame): boolean {
    if (!this.welcomed) return false;
    return this.sendRaw(frame);
  }

  /** Give up on a pending command locally (the server may still apply it if already sent). */
  discard(id: string): void {
    if (this.outboxMap.delete(id)) this.emitOutbox();
  }

  /** Skip the backoff wait and try to connect now. */
  reconnectNow(): void {
    if (this.current !== 'waiting') return;
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    this.connect();
  }

  // -- connection lifecycle ---------------------------------------------------

  private connect(): void {
    if (this.fatal || this.current === 'failed') return;
    this.dropSocket();
    this.setState('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => {
      const hello = this.opts.hello();
      const resume = this.log.resumeMap();
      const frame = Object.keys(resume).length > 0 ? { ...hello, resume } : hello;
      ws.send(JSON.stringify(frame));
    };
    ws.onmessage = (msg: MessageEvent) => {
      if (typeof msg.data !== 'string') return;
      // One WebSocket message may carry several frames, one JSON object per line.
      for (const line of msg.data.split('\n')) {
        const frame = parseServerFrame(line);
        if (frame) this.handleFrame(frame);
      }
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.afterDisconnect();
    };
    // Errors are always followed by close; nothing to do here.
    ws.onerror = () => undefined;
    this.connectTimer = setTimeout(() => {
      if (this.ws === ws && !this.welcomed) {
        this.dropSocket(4000, 'connect_timeout');
        this.afterDisconnect();
      }
    }, CONNECT_TIMEOUT_MS);
  }

  /** Detach and close the current socket without waiting for its close handshake. */
  private dropSocket(code = 4000, reason = 'reconnect'): void {
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    if (!ws) return;
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = null;
    try {
      ws.close(code, reason);
    } catch {
      /* already closed */
    }
  }

  private afterDisconnect(): void {
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.welcomed = false;
    if (this.current === 'stopped') return;
    if (this.fatal) {
      this.setState('failed');
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const min = this.opts.minBackoffMs ?? 500;
    const max = this.opts.maxBackoffMs ?? 10_000;
    const base = Math.min(max, min * 2 ** this.attempt);
    const delay = Math.min(max, Math.max(min, base * (0.8 + Math.random() * 0.4)));
    this.attempt += 1;
    clearTimeout(this.reconnectTimer);
    this.setState('waiting');
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private readonly onBrowserOnline = (): void => {
    this.reconnectNow();
  };

  private readonly onBrowserOffline = (): void => {
    // The socket is likely dead; do not wait for the heartbeat to notice.
    if (this.current === 'open' || this.current === 'connecting') {
      this.dropSocket(4000, 'offline');
      this.afterDisconnect();
    }
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };

  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    const periodMs = Math.max(5, this.currentLimits.heartbeat_seconds) * 1000;
    this.heartbeatTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws || !this.welcomed) return;
      if (Date.now() - this.lastFrameAt > periodMs * 2 + 5_000) {
        // No pong for two periods: the connection is gone even if the socket says otherwise.
        this.dropSocket(4000, 'heartbeat_timeout');
        this.afterDisconnect();
        return;
      }
      this.sendRaw({ type: 'ping' });
    }, periodMs);
  }

  private setState(state: ConnectionState): void {
    if (this.current === state) return;
    this.current = state;
    this.h.state?.(state);
  }

  // -- frames -----------------------------------------------------------------

  private handleFrame(frame: ServerFrame): void {
    this.lastFrameAt = Date.now();
    switch (frame.type) {
      case 'welcome':
        this.welcomed = true;
        this.attempt = 0;
        clearTimeout(this.connectTimer);
        this.currentLimits = { ...DEFAULT_LIMITS, ...frame.limits };
        this.h.welcome?.(frame);
        this.setState('open');
        this.startHeartbeat();
        // Unacknowledged commands go again, same ids, in their original order.
        for (const cmd of this.outboxMap.values()) this.transmit(cmd);
        break;
      case 'event':
        if (this.log.add(frame)) this.h.event?.(frame);
        break;
      case 'conversation':
        this.h.conversation?.(frame.conversation);
        break;
      case 'agent':
        this.h.agent?.(frame.agent);
        break;
      case 'suggestions':
        this.h.suggestions?.(frame);
        break;
      case 'queue_status':
        this.h.queueStatus?.(frame);
        break;
      case 'board':
        this.h.board?.(frame);
        break;
      case 'typing':
        this.h.typing?.(frame);
        break;
      case 'ack': {
        const cmd = this.outboxMap.get(frame.id);
        if (!cmd) break; // a duplicate ack for a command already settled
        this.outboxMap.delete(frame.id);
        this.clearRetry(frame.id);
        // Tell the app about the ack before the outbox change, so it never loses sight of the message.
        this.h.ack?.(frame, cmd);
        this.emitOutbox();
        break;
      }
      case 'error':
        this.handleError(frame);
        break;
      case 'pong':
        break;
      default:
        // Unknown frame types are ignored for forward compatibility.
        break;
    }
  }

  private handleError(err: ErrorFrame): void {
    const cmd = err.id !== null ? this.outboxMap.get(err.id) : undefined;
    if (cmd) {
      if (RETRYABLE_ERRORS.has(err.code)) {
        this.scheduleRetry(cmd, RETRY_DELAY_MS[err.code] ?? 1_000);
        return;
      }
      this.outboxMap.delete(cmd.id);
      this.clearRetry(cmd.id);
      this.h.commandError?.(err, cmd);
      this.emitOutbox();
      return;
    }
    if (FATAL_ERRORS.has(err.code)) this.fatal = true;
    this.h.error?.(err);
  }

  private scheduleRetry(cmd: PendingCommand, delayMs: number): void {
    this.clearRetry(cmd.id);
    this.retryTimers.set(
      cmd.id,
      setTimeout(() => {
        this.retryTimers.delete(cmd.id);
        if (this.outboxMap.has(cmd.id)) this.transmit(cmd);
      }, delayMs),
    );
  }

  private clearRetry(id: string): void {
    const t = this.retryTimers.get(id);
    if (t !== undefined) {
      clearTimeout(t);
      this.retryTimers.delete(id);
    }
  }

  private transmit(cmd: PendingCommand): void {
    if (!this.welcomed) return; // flushed after the next welcome
    this.sendRaw({ ...cmd.body, id: cmd.id });
  }

  private sendRaw(frame: object): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      /* the close handler will take over */
      return false;
    }
  }

  private emitOutbox(): void {
    this.h.outbox?.(this.pending());
  }
}

/** The /ws URL on the given http(s) origin. */
export function wsUrlFor(origin: string): string {
  const u = new URL('/ws', origin);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}
