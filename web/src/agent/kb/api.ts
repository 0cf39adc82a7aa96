// REST calls of the knowledge-base and bot administration (docs/protocol.md,
// "Knowledge base and bot", plus GET/PATCH /api/queues).
//
// State-changing calls need the session's CSRF token. The workspace controller keeps its copy
// private, so this module asks GET /api/auth/me for it (the token belongs to the session and
// does not change) and caches it; when a call is refused with 403 it fetches the token again
// once, in case the user signed out and in as someone else meanwhile.

import { api, ApiError, RawBody, request, type Method } from '../api';

export interface KbEntry {
  id: string;
  question: string;
  similar: string[];
  answer: string;
  category: string;
  tags: string[];
  enabled: boolean;
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (UTC); null is open. */
  valid_from: string | null;
  /** Exclusive end; same forms as valid_from. */
  valid_to: string | null;
  helpful: number;
  not_helpful: number;
  /** Only in search results (`q`): how well the entry matches, 0–1. */
  confidence?: number;
}

/** What the editor sends: the entry without the server's counters. */
export type KbEntryInput = Omit<KbEntry, 'id' | 'helpful' | 'not_helpful' | 'confidence'>;

export interface KbCategory {
  name: string;
  entries: number;
}

export type ImportFormat = 'csv' | 'jsonl';
export type JobState = 'parsing' | 'saving' | 'done' | 'failed';

export interface ImportJob {
  id: string;
  state: JobState;
  format: ImportFormat;
  rows: number;
  processed: number;
  /** Valid rows saved so far (of `accepted`), while saving. */
  saved: number;
  accepted: number;
  rejected: number;
  errors: { line: number; reason: string }[];
  message?: string;
}

export interface KbGap {
  key: string;
  question: string;
  count: number;
  best_entry_id: string | null;
  best_question: string | null;
  best_confidence: number | null;
  first_at: number;
  last_at: number;
}

/** Where the bot hands over a conversation whose last matched question is of `category`. */
export interface HandoffRoute {
  category: string;
  /** A queue id. */
  queue: string;
}

export interface BotSettings {
  name: string;
  greeting: string;
  answer_threshold: number;
  clarify_threshold: number;
  clarify_prompt: string;
  unknown_reply: string;
  offer_prompt: string;
  transfer_notice: string;
  handoff_phrases: string[];
  misses_to_offer: number;
  misses_to_transfer: number;
  tone_to_offer: number;
  tone_to_transfer: number;
  suggestions: boolean;
  /** Self-service while customers wait for a person (absent from older servers: true). */
  answer_while_waiting?: boolean;
  custom_words: string[];
  synonyms: string[][];
  /** At most one route per category (absent from older servers: none). */
  handoff_routes?: HandoffRoute[];
}

/** Settings as the form sends them: a number field that does not hold a number is null. */
export type BotSettingsInput = {
  [K in keyof BotSettings]: BotSettings[K] extends number ? number | null : BotSettings[K];
};

export interface Queue {
  id: string;
  slug: string;
  name: string;
  bot_first: boolean;
}

export interface EntryQuery {
  q?: string;
  category?: string;
  offset: number;
  limit: number;
}

export const IMPORT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
};

let csrfToken: string | null = null;

async function fetchCsrf(): Promise<string> {
  const session = await api.me();
  if (!session) throw new ApiError(401, 'unauthorized', 'sign in first');
  csrfToken = session.csrf_token;
  return csrfToken;
}

/** A state-changing call with the CSRF token (refreshed and retried once after a 403). */
export async function mutate<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const token = csrfToken ?? (await fetchCsrf());
  try {
    return await request<T>(method, path, body, token);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    const fresh = await fetchCsrf();
    if (fresh === token) throw e;
    return request<T>(method, path, body, fresh);
  }
}

/** A query string; values are percent-encoded (a space is %20, never "+"). */
export function query(params: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') parts.push(`${name}=${encodeURIComponent(String(value))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

const seg = encodeURIComponent;

export const kbApi = {
  async entries(q: EntryQuery): Promise<{ entries: KbEntry[]; total: number }> {
    const data = await request<{ entries?: KbEntry[]; total?: number }>(
      'GET',
      `/api/kb/entries${query({ q: q.q, category: q.category, offset: q.offset, limit: q.limit })}`,
    );
    const entries = data.entries ?? [];
    return { entries, total: data.total ?? entries.length };
  },

  async createEntry(entry: KbEntryInput): Promise<KbEntry> {
    return (await mutate<{ entry: KbEntry }>('POST', '/api/kb/entries', entry)).entry;
  },

  async updateEntry(id: string, entry: KbEntryInput): Promise<KbEntry> {
    return (await mutate<{ entry: KbEntry }>('PUT', `/api/kb/entries/${seg(id)}`, { id, ...entry })).entry;
  },

  async deleteEntry(id: string): Promise<void> {
    await mutate<unknown>('DELETE', `/api/kb/entries/${seg(id)}`);
  },

  async categories(): Promise<KbCategory[]> {
    const data = await request<{ categories?: KbCategory[] }>('GET', '/api/kb/categories');
    return data.categories ?? [];
  },

  async createCategory(name: string): Promise<void> {
    await mutate<unknown>('POST', '/api/kb/categories', { name });
  },

  async deleteCategory(name: string): Promise<void> {
    await mutate<unknown>('DELETE', `/api/kb/categories/${seg(name)}`);
  },

  async startImport(file: Blob, format: ImportFormat): Promise<ImportJob> {
    const body = new RawBody(file, IMPORT_CONTENT_TYPES[format]);
    return (await mutate<{ job: ImportJob }>('POST', `/api/kb/import${query({ format })}`, body)).job;
  },

  async importJob(id: string): Promise<ImportJob> {
    return (await request<{ job: ImportJob }>('GET', `/api/kb/import/${seg(id)}`)).job;
  },

  exportUrl(format: ImportFormat): string {
    return `/api/kb/export${query({ format })}`;
  },

  async gaps(limit = 100): Promise<KbGap[]> {
    const data = await request<{ gaps?: KbGap[] }>('GET', `/api/kb/gaps${query({ limit })}`);
    return data.gaps ?? [];
  },

  async dismissGap(key: string): Promise<void> {
    await mutate<unknown>('DELETE', `/api/kb/gaps${query({ key })}`);
  },

  async botSettings(): Promise<BotSettings> {
    return (await request<{ settings: BotSettings }>('GET', '/api/bot/settings')).settings;
  },

  async saveBotSettings(settings: BotSettingsInput): Promise<BotSettings> {
    return (await mutate<{ settings: BotSettings }>('PUT', '/api/bot/settings', settings)).settings;
  },

  async queues(): Promise<Queue[]> {
    const data = await request<{ queues?: Queue[] }>('GET', '/api/queues');
    return data.queues ?? [];
  },

  async setBotFirst(id: string, botFirst: boolean): Promise<Queue> {
    return (await mutate<{ queue: Queue }>('PATCH', `/api/queues/${seg(id)}`, { bot_first: botFirst })).queue;
  },
};
