// Types for the Kefu realtime protocol v1 (docs/protocol.md).
// Everything the server sends or accepts over /ws is described here; the REST
// shapes used by the agent workspace live in ../agent/api.ts.

export type Role = 'visitor' | 'agent' | 'supervisor' | 'admin';
export type ConversationState = 'bot' | 'queued' | 'assigned' | 'closed';
export type ClosedBy = 'visitor' | 'agent' | 'idle';
/** What an agent chooses (`wrap_up` is entered by the server after a conversation ends). */
export type AgentStatus = 'online' | 'away' | 'wrap_up' | 'offline';
/** What an agent is doing: `busy` is online at capacity (derived). */
export type AgentState = 'online' | 'busy' | 'away' | 'wrap_up' | 'offline';
export type RoutingStrategy = 'least_busy' | 'longest_idle' | 'round_robin' | 'skill_level';

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
  /** 0–9, from the queue's priority rules and the customer's verified tags. */
  priority?: number;
  /** When the customer started waiting (kept across overflow), or null. */
  queued_at?: number | null;
  /** Whether an inquiry classification was recorded (which one: REST, for staff). */
  classified?: boolean;
}

export interface Skill {
  name: string;
  /** 1–10 */
  level: number;
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  role: Exclude<Role, 'visitor'>;
  status: AgentStatus;
  /** Absent from older servers; derive from status, load and capacity then. */
  state?: AgentState;
  connected?: boolean;
  load: number;
  capacity: number;
  skills?: Skill[];
  /** Queue ids the agent is a member of. */
  queues?: string[];
}

/** A queue as `GET /api/queues` returns it (docs/routing.md). */
export interface WaitNotice {
  after_s: number;
  text: string;
}
export interface PriorityRule {
  tag: string;
  priority: number;
}
export interface WeeklyHours {
  /** 1 = Monday … 7 = Sunday */
  day: number;
  /** "HH:MM" */
  open: string;
  close: string;
}
export interface BusinessHours {
  time_zone: string;
  weekly: WeeklyHours[];
  /** "YYYY-MM-DD" */
  holidays: string[];
}
export interface Queue {
  id: string;
  slug: string;
  name: string;
  bot_first: boolean;
  skills: string[];
  strategy: RoutingStrategy;
  priority_rules: PriorityRule[];
  sticky_window_s: number;
  sticky_wait_s: number;
  overflow_queue: string | null;
  overflow_after_s: number;
  assign_timeout_s: number;
  max_waiting: number;
  notices: WaitNotice[];
  service_level_s: number;
  hours: BusinessHours | null;
}

export interface ServiceLevel {
  target_s: number;
  answered: number;
  within: number;
  abandoned: number;
  percent: number | null;
}
export interface QueueStats {
  id: string;
  name: string;
  waiting: number;
  oldest_queued_at: number | null;
  available_agents: number;
  service_level: ServiceLevel;
}

/** Supervisors' live view (`board` frame, `GET /api/board`). */
export interface BoardFrame {
  type: 'board';
  queues: QueueStats[];
  agents: Agent[];
}

/** The visitor's place in the queue while their conversation waits. */
export interface QueueStatusFrame {
  type: 'queue_status';
  conversation: string;
  position: number;
  waiting: number;
  estimated_wait_s: number | null;
}

/** The visitor's queue as the welcome describes it. */
export interface WelcomeQueue {
  id: string;
  slug: string;
  name: string;
  /** Within business hours now. */
  open: boolean;
  /** The next opening when closed. */
  opens_at: number | null;
}

export type AuthorRole = 'visitor' | 'agent' | 'bot' | 'system';

export interface Author {
  role: AuthorRole;
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
  /** Present on messages of the knowledge-base bot (author role `bot`). */
  bot?: BotInfo;
}

// -- the knowledge-base bot ("The bot" in docs/protocol.md) --------------------------

/** A knowledge-base question offered to the visitor (clarify choices, suggestions). */
export interface KbQuestionRef {
  entry_id: string;
  question: string;
}

/** Why the bot offers or makes a transfer to a person. */
export type HandoffReason =
  | 'explicit_request'
  | 'visitor_button'
  | 'consecutive_misses'
  | 'not_helpful'
  | 'negative_tone';

export interface BotAnswer {
  kind: 'answer';
  entry_id: string;
  /** The entry's standard question. */
  question: string;
  confidence: number;
  /** Given while the customer waits for a person (self-service): the conversation stays queued. */
  waiting?: boolean;
}

export interface BotClarify {
  kind: 'clarify';
  /** 1–3 candidates; the visitor picks one by sending its question. */
  choices: KbQuestionRef[];
}

export interface BotUnknown {
  kind: 'unknown';
}

export interface BotOffer {
  kind: 'offer';
  reason: HandoffReason | string;
  /** The phrase or count that triggered it, for the agent. */
  detail?: string;
}

export interface BotTransfer {
  kind: 'transfer';
  reason: HandoffReason | string;
  detail?: string;
}

export type BotInfo = BotAnswer | BotClarify | BotUnknown | BotOffer | BotTransfer;
export type BotKind = BotInfo['kind'];

/** The bot of a bot-first queue as the visitor's welcome describes it. */
export interface WelcomeBot {
  name: string;
  /** Shown by the widget as a local bubble (not an event). */
  greeting: string;
  /** Whether the widget offers suggestions while the visitor types (`suggest`). */
  suggestions: boolean;
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

/**
 * A notice for the customer in the tenant's own words: a queue's wait notice, or one of the
 * automatic messages said on the agent's behalf (greeting, closing, silence reminder).
 */
export interface NoticeEvent extends EventBase {
  kind: 'system';
  code: 'notice';
  text: string;
  purpose?: 'wait' | 'greeting' | 'closing' | 'reminder';
  /** The agent an automatic message speaks for. */
  agent?: NamedRef;
}

/** An automatic message said on the agent's behalf (greeting, closing, reminder), if `ev` is one. */
export function autoMessageOf(ev: KefuEvent): NoticeEvent | null {
  if (ev.kind !== 'system' || ev.code !== 'notice') return null;
  const purpose = (ev as NoticeEvent).purpose;
  return purpose === 'greeting' || purpose === 'closing' || purpose === 'reminder' ? (ev as NoticeEvent) : null;
}

/** `bot`: the bot handed over to the queue its handoff route names; `note` is the category that chose it. */
export type TransferBy = 'agent' | 'supervisor' | 'overflow' | 'bot';

export interface TransferredEvent extends EventBase {
  kind: 'system';
  code: 'transferred';
  from: NamedRef | null;
  to_agent?: NamedRef;
  to_queue?: NamedRef;
  note: string;
  by: TransferBy;
}

export type RequeueReason = 'no_answer' | 'agent_offline' | 'agent_disconnected';

export interface RequeuedEvent extends EventBase {
  kind: 'system';
  code: 'requeued';
  agent: NamedRef;
  reason: RequeueReason;
}

export type SystemEvent =
  | QueuedEvent
  | AssignedEvent
  | ClosedEvent
  | NoticeEvent
  | TransferredEvent
  | RequeuedEvent
  | OtherSystemEvent;
export type KefuEvent = MessageEvent | SystemEvent;

export interface VisitorWelcome {
  type: 'welcome';
  role: 'visitor';
  visitor: { id: string; name: string; token: string };
  conversations: Conversation[];
  limits?: Partial<Limits>;
  /** The bot when the visitor's queue is bot-first, else null (absent from older servers). */
  bot?: WelcomeBot | null;
  /** The queue new conversations go to, with its business-hours state (absent from older servers). */
  queue?: WelcomeQueue | null;
  /** Self-service while waiting for a person (suggestions, the bot's confident answers), or null. */
  self_service?: WelcomeSelfService | null;
}

/** What the welcome says about self-service while waiting for a person. */
export interface WelcomeSelfService {
  /** The bot's name, which signs its answers. */
  name: string;
  /** Whether typing while waiting offers knowledge-base questions. */
  suggestions: boolean;
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
  /** `leave_message`: the stored message's id. */
  message?: string;
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
  | 'conflict'
  | 'text_empty'
  | 'text_too_long'
  | 'frame_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'queue_full'
  | 'queue_closed'
  | 'agent_unavailable'
  | 'bad_identity';

export interface ErrorFrame {
  type: 'error';
  id: string | null;
  code: ErrorCode | string;
  message?: string;
  /** `queue_closed`: when the queue opens next (ms), if within two weeks. */
  opens_at?: number;
}

export interface PongFrame {
  type: 'pong';
  at: number;
}

/** The answer to a `suggest` (same `id`): up to 5 knowledge-base questions. */
export interface SuggestionsFrame {
  type: 'suggestions';
  id: string;
  items: KbQuestionRef[];
}

export type ServerFrame =
  | WelcomeFrame
  | KefuEvent
  | ConversationFrame
  | AgentFrame
  | AckFrame
  | ErrorFrame
  | PongFrame
  | SuggestionsFrame
  | QueueStatusFrame
  | BoardFrame
  | TypingPreviewFrame;

/** The visitor's draft, to the agent assigned to the conversation (never stored; "" = cleared). */
export interface TypingPreviewFrame {
  type: 'typing';
  conversation: string;
  text: string;
  at: number;
}

export type ResumeMap = Record<string, number>;

export interface VisitorHello {
  type: 'hello';
  role: 'visitor';
  tenant: string;
  visitor_token?: string;
  name?: string;
  queue?: string;
  /** A verified identity signed by the enterprise's site (docs/routing.md). */
  identity?: string;
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
  /** Staff: the inquiry classification (a node id of the tenant's tree). */
  classification?: string;
  /** Staff: a summary of the conversation (≤ 500 characters). */
  summary?: string;
}

export interface ReadCommand {
  type: 'read';
  conversation: string;
  seq: number;
}

export interface StatusCommand {
  type: 'status';
  status: Exclude<AgentStatus, 'wrap_up'>;
  /** Another agent's id (supervisors and administrators). */
  agent?: string;
}

/** Move a conversation to an agent or to a queue (exactly one of them). */
export interface TransferCommand {
  type: 'transfer';
  conversation: string;
  agent?: string;
  queue?: string;
  /** ≤ 500 characters, shown to the receiving agent. */
  note?: string;
}

/** A visitor leaves a message for the team (outside business hours, or a full queue). */
export interface LeaveMessageCommand {
  type: 'leave_message';
  contact: string;
  text: string;
  name?: string;
  queue?: string;
}

/** A visitor asks for a person while the conversation is with the bot. */
export interface HandoffCommand {
  type: 'handoff';
  conversation: string;
}

/** A visitor rates a bot `answer` (once). */
export interface RateCommand {
  type: 'rate';
  conversation: string;
  seq: number;
  helpful: boolean;
}

/** A command as the application builds it; the client adds the idempotency key. */
export type CommandBody =
  | SendCommand
  | CloseCommand
  | ReadCommand
  | StatusCommand
  | HandoffCommand
  | RateCommand
  | TransferCommand
  | LeaveMessageCommand;
export type Command = CommandBody & { id: string };

/**
 * `suggest` is not durable and has no `ack`: it bypasses the outbox and is answered by a
 * `suggestions` frame with the same `id`.
 */
export interface SuggestFrame {
  type: 'suggest';
  id: string;
  /** What the visitor is typing, 0–200 characters. */
  text: string;
}

/** The longest `suggest` text the server accepts. */
export const MAX_SUGGEST_CHARS = 200;

/** The visitor's draft for the assigned agent's typing preview; not durable, no `ack`. */
export interface TypingFrame {
  type: 'typing';
  id: string;
  /** 0–1000 characters; "" when the draft was cleared. */
  text: string;
}

/** The longest `typing` text the server accepts. */
export const MAX_TYPING_CHARS = 1000;

/** Errors after which retrying the same command (same id) may succeed. */
export const RETRYABLE_ERRORS: ReadonlySet<string> = new Set(['unavailable', 'rate_limited']);

/** Errors after which the server closes the socket and reconnecting cannot help. */
export const FATAL_ERRORS: ReadonlySet<string> = new Set(['unauthorized', 'unknown_tenant']);

export function isMessage(ev: KefuEvent): ev is MessageEvent {
  return ev.kind === 'message';
}

/** The `bot` object of a bot message, or null for any other event. */
export function botInfo(ev: KefuEvent): BotInfo | null {
  return ev.kind === 'message' && ev.author.role === 'bot' && ev.bot ? ev.bot : null;
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
