// REST calls of the customer profile (docs/protocol.md, "Customer profile"): who the customer is
// and their previous conversations, the agent's edits, and an earlier conversation's transcript.
//
// Access: supervisors and administrators see any customer of their tenant; an agent a customer
// they serve or served (else 403 `forbidden`).

import type { KefuEvent, NamedRef } from '../../shared/protocol';
import { request } from '../api';

export interface ProfileAttribute {
  key: string;
  value: string;
}

export interface CustomerProfile {
  id: string;
  name: string;
  phone: string;
  email: string;
  /** 0–9; 0 is none. */
  vip: number;
  tags: string[];
  attributes: ProfileAttribute[];
  /** The agents' note (never overwritten by the enterprise's identity). */
  note: string;
  /** The customer came with a valid identity token signed by the enterprise's site. */
  verified: boolean;
  /** The enterprise's own id of a verified customer. */
  user_id: string | null;
  created_at: number;
  updated_at: number;
  /** Who last edited the profile in the workspace; null when nobody did. */
  updated_by: NamedRef | null;
}

export interface HistoryClassification {
  id: string;
  /** Names from the top-level node down. */
  path: string[];
}

export interface HistoryConversation {
  id: string;
  state: 'bot' | 'queued' | 'assigned' | 'closed';
  queue: NamedRef;
  agent: NamedRef | null;
  created_at: number;
  updated_at: number;
  closed_by: 'agent' | 'visitor' | 'idle' | null;
  classification: HistoryClassification | null;
  summary: string;
  last_seq: number;
}

export interface ProfileData {
  profile: CustomerProfile;
  /** Newest first, at most 20, the current conversation included. */
  conversations: HistoryConversation[];
}

/** What PATCH accepts: any subset of the editable fields. */
export interface ProfilePatch {
  name?: string;
  phone?: string;
  email?: string;
  vip?: number;
  tags?: string[];
  attributes?: ProfileAttribute[];
  note?: string;
}

/** The events endpoint answers at most this many per call. */
const EVENTS_PAGE = 1000;
/** A transcript longer than this many pages is cut (never expected in practice). */
const MAX_PAGES = 20;

const seg = encodeURIComponent;

/** Missing lists and strings (an older or partial answer) become empty ones. */
function normalizeProfile(p: CustomerProfile): CustomerProfile {
  return {
    ...p,
    name: p.name ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    vip: typeof p.vip === 'number' ? p.vip : 0,
    tags: Array.isArray(p.tags) ? p.tags : [],
    attributes: Array.isArray(p.attributes) ? p.attributes : [],
    note: p.note ?? '',
    verified: p.verified === true,
    user_id: p.user_id ?? null,
    updated_by: p.updated_by ?? null,
  };
}

export const profileApi = {
  async get(visitor: string): Promise<ProfileData> {
    const data = await request<{ profile: CustomerProfile; conversations?: HistoryConversation[] }>(
      'GET',
      `/api/visitors/${seg(visitor)}/profile`,
    );
    return { profile: normalizeProfile(data.profile), conversations: data.conversations ?? [] };
  },

  async update(visitor: string, patch: ProfilePatch, csrf: string): Promise<CustomerProfile> {
    const data = await request<{ profile: CustomerProfile }>('PATCH', `/api/visitors/${seg(visitor)}/profile`, patch, csrf);
    return normalizeProfile(data.profile);
  },

  /** Every event of a conversation, in order (the endpoint pages by `after`). */
  async transcript(conversation: string): Promise<KefuEvent[]> {
    const all: KefuEvent[] = [];
    let after = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const path = `/api/conversations/${seg(conversation)}/events?after=${after}`;
      const data = await request<{ events?: KefuEvent[] }>('GET', path);
      const events = data.events ?? [];
      all.push(...events);
      const last = events[events.length - 1];
      if (events.length < EVENTS_PAGE || !last) break;
      after = last.seq;
    }
    return all;
  },
};
