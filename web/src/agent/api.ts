// REST calls of the agent workspace (docs/protocol.md, "REST").
// The session is the HttpOnly `kefu_session` cookie; state-changing calls carry the
// CSRF token returned by login and /api/auth/me, which is kept in memory only.

import type { Agent, KefuEvent } from '../shared/protocol';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
}

export interface Session {
  user: Agent;
  tenant: Tenant;
  csrf_token: string;
}

/** A canned reply (docs/protocol.md, "Canned replies"); `text` may hold {variables}. */
export interface CannedReply {
  id: string;
  code: string;
  title: string;
  text: string;
  /** null when uncategorised. */
  category_id: string | null;
  /** Team replies are shared by the tenant; personal ones are the signed-in agent's own. */
  scope: 'team' | 'personal';
  /** Whether this user may change it (team: supervisors and admins; personal: its owner). */
  editable: boolean;
  updated_at: number;
}

export interface CannedCategory {
  id: string;
  name: string;
  position: number;
}

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** A request body sent as it is (a file upload) instead of as JSON. */
export class RawBody {
  constructor(
    readonly data: Blob | string,
    readonly contentType: string,
  ) {}
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One REST call: JSON in (or a RawBody), JSON out; errors become ApiError with the server's
 * code and message.
 */
export async function request<T>(method: Method, path: string, body?: unknown, csrf?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body instanceof RawBody) headers['Content-Type'] = body.contentType;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body instanceof RawBody) init.body = body.data;
    else if (body !== undefined) init.body = JSON.stringify(body);
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: unknown = null;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? res.statusText);
  }
  return data as T;
}

export const api = {
  login(tenant: string, email: string, password: string): Promise<Session> {
    return request<Session>('POST', '/api/auth/login', { tenant, email, password });
  },

  /** The current session, or null when not signed in. */
  async me(): Promise<Session | null> {
    try {
      return await request<Session>('GET', '/api/auth/me');
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    }
  },

  async logout(csrf: string): Promise<void> {
    await request<unknown>('POST', '/api/auth/logout', {}, csrf);
  },

  async cannedReplies(): Promise<CannedReply[]> {
    const data = await request<{ canned_replies?: CannedReply[] }>('GET', '/api/canned-replies');
    return data.canned_replies ?? [];
  },

  async cannedCategories(): Promise<CannedCategory[]> {
    const data = await request<{ categories?: CannedCategory[] }>('GET', '/api/canned-categories');
    return data.categories ?? [];
  },

  async events(conversation: string, after: number): Promise<KefuEvent[]> {
    const path = `/api/conversations/${encodeURIComponent(conversation)}/events?after=${after}`;
    const data = await request<{ events?: KefuEvent[] }>('GET', path);
    return data.events ?? [];
  },
};
