// REST calls of queueing and routing (docs/protocol.md, "REST"; behaviour in docs/routing.md):
// queues, agents' routing fields, tenant routing settings, transfer targets, the supervisors'
// board, left messages and the identity secret. State-changing calls go through the knowledge
// base's `mutate`, which adds (and refreshes) the CSRF token.

import type { Agent, Conversation, NamedRef, Queue, QueueStats, Skill } from '../../shared/protocol';
import { request } from '../api';
import { mutate, query } from '../kb/api';

/** A queue as the form sends it: every field but the id (the slug only on create). */
export type QueueInput = Omit<Queue, 'id'>;
export type QueuePatch = Partial<Omit<Queue, 'id' | 'slug'>>;

export interface RoutingSettings {
  /** Seconds of after-chat work after a conversation ends (0 = none). */
  wrap_up_s: number;
  /** Seconds a disconnected agent keeps their conversations. */
  disconnect_grace_s: number;
  /** The assigned agent sees what the visitor is typing (never stored). */
  typing_preview: boolean;
  /** Messages said on the agent's behalf; a PUT without it keeps them. */
  auto_messages?: AutoMessages;
}

/** Automatic messages (docs/protocol.md): empty text or 0 seconds turns one off. */
export interface AutoMessages {
  greeting: string;
  closing: string;
  reminder_after_s: number;
  reminder: string;
  close_after_s: number;
}

/** What an administrator may change on a user (PATCH /api/users/{id}). */
export interface UserPatch {
  name?: string;
  role?: Agent['role'];
  capacity?: number;
  skills?: Skill[];
  /** Queue ids. */
  queues?: string[];
}

export interface TargetQueue extends NamedRef {
  waiting: number;
}

export interface TransferTargets {
  agents: Agent[];
  queues: TargetQueue[];
}

export interface Board {
  queues: QueueStats[];
  agents: Agent[];
}

export interface LeftMessage {
  id: string;
  queue: NamedRef;
  visitor: NamedRef;
  /** The name the visitor gave, if any. */
  name: string | null;
  contact: string;
  text: string;
  at: number;
}

const seg = encodeURIComponent;

export const routingApi = {
  async queues(): Promise<Queue[]> {
    const data = await request<{ queues?: Queue[] }>('GET', '/api/queues');
    return data.queues ?? [];
  },

  async createQueue(queue: QueueInput): Promise<Queue> {
    return (await mutate<{ queue: Queue }>('POST', '/api/queues', queue)).queue;
  },

  async updateQueue(id: string, fields: QueuePatch): Promise<Queue> {
    return (await mutate<{ queue: Queue }>('PATCH', `/api/queues/${seg(id)}`, fields)).queue;
  },

  async users(): Promise<Agent[]> {
    const data = await request<{ users?: Agent[] }>('GET', '/api/users');
    return data.users ?? [];
  },

  async updateUser(id: string, patch: UserPatch): Promise<Agent> {
    return (await mutate<{ user: Agent }>('PATCH', `/api/users/${seg(id)}`, patch)).user;
  },

  async settings(): Promise<RoutingSettings> {
    return settingsOf(await request<unknown>('GET', '/api/routing/settings'));
  },

  /** Changes only the automatic messages (the server keeps the other settings). */
  async saveAutoMessages(auto: AutoMessages): Promise<RoutingSettings> {
    return settingsOf(await mutate<unknown>('PUT', '/api/routing/settings', { auto_messages: auto }));
  },

  async saveSettings(settings: RoutingSettings): Promise<RoutingSettings> {
    return settingsOf(await mutate<unknown>('PUT', '/api/routing/settings', settings));
  },

  async transferTargets(): Promise<TransferTargets> {
    const data = await request<Partial<TransferTargets>>('GET', '/api/transfer-targets');
    return { agents: data.agents ?? [], queues: data.queues ?? [] };
  },

  async board(): Promise<Board> {
    const data = await request<Partial<Board>>('GET', '/api/board');
    return { queues: data.queues ?? [], agents: data.agents ?? [] };
  },

  async leftMessages(limit = 100): Promise<LeftMessage[]> {
    const data = await request<{ messages?: LeftMessage[] }>('GET', `/api/left-messages${query({ limit })}`);
    return data.messages ?? [];
  },

  async identitySecret(): Promise<string> {
    return (await request<{ secret: string }>('GET', '/api/settings/identity')).secret;
  },

  /**
   * The open conversations assigned to an agent, for the supervisors' reassign view.
   * NOTE: not (yet) in docs/protocol.md; `GET /api/conversations?agent={id}` →
   * `{conversations:[Conversation]}` is what this page expects.
   */
  async agentConversations(agentId: string): Promise<Conversation[]> {
    const data = await request<{ conversations?: Conversation[] }>(
      'GET',
      `/api/conversations${query({ agent: agentId })}`,
    );
    return (data.conversations ?? []).filter((c) => c.state !== 'closed' && (!c.agent || c.agent.id === agentId));
  },
};

/** The settings from either `{wrap_up_s,…}` or `{settings:{wrap_up_s,…}}`. */
function settingsOf(data: unknown): RoutingSettings {
  const obj = (data ?? {}) as Partial<RoutingSettings> & { settings?: Partial<RoutingSettings> };
  const s = obj.settings ?? obj;
  return {
    wrap_up_s: s.wrap_up_s ?? 0,
    disconnect_grace_s: s.disconnect_grace_s ?? 60,
    typing_preview: s.typing_preview ?? true,
    auto_messages: s.auto_messages,
  };
}
