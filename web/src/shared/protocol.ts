// Types for the Kefu realtime protocol v1 (docs/protocol.md).
// Everything the server sends or accepts over /ws is described here; the REST
// shapes used by the agent workspace live in ../agent/api.ts.

export type Role = 'visitor' | 'agent' | 'supervisor' | 'admin';
export type ConversationState = 'queued' | 'assigned' | 'closed';
export type ClosedBy = 'visitor' | 'agent' | 'idle';
export type AgentStatus = 'online' | 'away' | 'offline';

export interface NamedRef {
  id: string;
  name: string;
}

export interface Conversation {
  id: string;
  state: ConversationState;
  queue: NamedRef;
  visitor: NamedRef;
  agent: NamedRef | null;
  last_seq: number;
  unread: number;
  created_at: number;
  updated_at: number;
  closed_by: ClosedBy | null;
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: Exclude<Role, 'visitor'>;
  status: AgentStatus;
  load: number;
  capacity: number;
}

export interface Author {
  role: 'visitor' | 'agent' | 'system';
  id: string;
  name: string;
}

export interface Limits {
  max_frame_bytes: number;
  max_text_chars: number;
  rate_per_second: number;
  heartbeat_seconds: number;
}

export const DEFAULT_LIMITS: Limits = {
  max_frame_bytes: 16384,
  max_text_chars: 4000,
  rate_per_second: 20,
  heartbeat_seconds: 25,
};

interface EventBase {
  type: 'event';
  conversation: string;
  seq: number;
  at: number;
}

export interface MessageEvent extends EventBase {
  kind: 'message';
  author: Author;
  text: string;
}

export interface QueuedEvent extends EventBase {
  kind: 'system';
  code: 'queued';
  queue: NamedRef;
}

export interface AssignedEvent extends EventBase {
  kind: 'system';
  code: 'assigned';
  agent: NamedRef;
}

export interface ClosedEvent extends EventBase {
  kind: 'system';
  code: 'closed';
  by: ClosedBy;
}

/** A system event whose code this client does not know yet (forward compatibility). */
export interface OtherSystemEvent extends EventBase {
  kind: 'system';
  code: string;
  [field: string]: unknown;
}

export type SystemEvent = QueuedEvent | AssignedEvent | ClosedEvent | OtherSystemEvent;
export type KefuEvent = MessageEvent | SystemEvent;

export interface VisitorWelcome {
  type: 'welcome';
  role: 'visitor';
  visitor: { id: string; name: string; token: string };
  conversations: Conversation[];
  limits?: Partial<Limits>;
}

export interface AgentWelcome {
  type: 'welcome';
  role: 'agent' | 'supervisor' | 'admin';
  agent: Agent;
  conversations: Conversation[];
  limits?: Partial<Limits>;
}

export type WelcomeFrame = VisitorWelcome | AgentWelcome;

export interface ConversationFrame {
  type: 'conversation';
  conversation: Conversation;
}

export interface AgentFrame {
  type: 'agent';
  agent: Agent;
}

export interface AckFrame {
  type: 'ack';
  id: string;
  conversation?: string;
  seq?: number;
  status?: AgentStatus;
}

export type ErrorCode =
  | 'bad_json'
  | 'bad_frame'
  | 'unknown_type'
  | 'hello_required'
  | 'already_hello'
  | 'unauthorized'
  | 'unknown_tenant'
  | 'forbidden'
  | 'not_found'
  | 'conversation_closed'
  | 'text_empty'
  | 'text_too_long'
  | 'frame_too_large'
  | 'rate_limited'
  | 'unavailable';

export interface ErrorFrame {
  type: 'error';
  id: string | null;
  code: ErrorCode | string;
  message?: string;
}

export interface PongFrame {
  type: 'pong';
  at: number;
}

export type ServerFrame =
  | WelcomeFrame
  | KefuEvent
  | ConversationFrame
  | AgentFrame
  | AckFrame
  | ErrorFrame
  | PongFrame;

export type ResumeMap = Record<string, number>;

export interface VisitorHello {
  type: 'hello';
  role: 'visitor';
  tenant: string;
  visitor_token?: string;
  name?: string;
  queue?: string;
  resume?: ResumeMap;
}

export interface AgentHello {
  type: 'hello';
  role: 'agent';
  resume?: ResumeMap;
}

export type HelloFrame = VisitorHello | AgentHello;

export interface SendCommand {
  type: 'send';
  conversation?: string;
  text: string;
}

export interface CloseCommand {
  type: 'close';
  conversation: string;
}

export interface ReadCommand {
  type: 'read';
  conversation: string;
  seq: number;
}

export interface StatusCommand {
  type: 'status';
  status: AgentStatus;
}

/** A command as the application builds it; the client adds the idempotency key. */
export type CommandBody = SendCommand | CloseCommand | ReadCommand | StatusCommand;
export type Command = CommandBody & { id: string };

/** Errors after which retrying the same command (same id) may succeed. */
export const RETRYABLE_ERRORS: ReadonlySet<string> = new Set(['unavailable', 'rate_limited']);

/** Errors after which the server closes the socket and reconnecting cannot help. */
export const FATAL_ERRORS: ReadonlySet<string> = new Set(['unauthorized', 'unknown_tenant']);

export function isMessage(ev: KefuEvent): ev is MessageEvent {
  return ev.kind === 'message';
}

/** Narrow an untyped JSON value to a server frame, or null when it is not one. */
export function parseServerFrame(raw: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return null;
  if (type === 'event') {
    const ev = value as Partial<KefuEvent>;
    if (typeof ev.conversation !== 'string' || typeof ev.seq !== 'number') return null;
  }
  return value as ServerFrame;
}
