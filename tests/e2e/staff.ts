// REST helpers for specs that set up their own queue, agent and knowledge-base entries as the
// administrator (the pattern of 10-routing.spec.ts), so they never compete with other specs for
// the demo agents.

import { createHmac } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { agentListItem, DEMO_PASSWORD, expect, widgetPanel } from './fixtures';

/** The administrator's REST session: the cookie lives in `api`, mutations send the CSRF token. */
export interface Admin {
  api: APIRequestContext;
  csrf: string;
}

/** Signs in as the demo administrator on `api` (or on a context made by it). */
export async function adminSession(
  api: APIRequestContext | (() => Promise<APIRequestContext>),
): Promise<Admin> {
  const context = typeof api === 'function' ? await api() : api;
  const res = await context.post('/api/auth/login', {
    data: { tenant: 'demo-bank', email: 'admin@demo.kefu', password: DEMO_PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return { api: context, csrf: csrf_token };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A REST call as the administrator: its status and parsed body, whatever they are. */
export async function send<T>(admin: Admin, method: Method, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await admin.api.fetch(path, {
    method,
    headers: method === 'GET' ? {} : { 'X-CSRF-Token': admin.csrf },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await res.text();
  return { status: res.status(), body: (text ? JSON.parse(text) : null) as T };
}

/** A REST call that must succeed; its answer. */
export async function call<T>(admin: Admin, method: Method, path: string, body?: unknown): Promise<T> {
  const res = await send<T>(admin, method, path, body);
  expect(res.status < 300, `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).toBe(true);
  return res.body;
}

/** A verified identity as the bank's site would sign it (docs/routing.md). */
export function signIdentity(secret: string, claims: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('hex')}`;
}

/** The id of a conversation in the agent's list (the list entry carries it). */
export async function conversationIdOf(agent: Page, text: string): Promise<string> {
  const id = await agentListItem(agent, text).getAttribute('data-conversation');
  expect(id).toBeTruthy();
  return id!;
}

export interface Queue {
  id: string;
  slug: string;
  name: string;
}

/** A human-first queue of this spec's own. */
export async function createQueue(admin: Admin, slug: string, name: string): Promise<Queue> {
  return (await call<{ queue: Queue }>(admin, 'POST', '/api/queues', { slug, name, bot_first: false })).queue;
}

export interface StaffUser {
  id: string;
  email: string;
  name: string;
}

/** An agent who serves only `queue` (so every chat of that queue goes to them). */
export async function createAgent(admin: Admin, email: string, name: string, queue: Queue, capacity = 5): Promise<StaffUser> {
  const body = { email, name, password: DEMO_PASSWORD, role: 'agent', capacity, queues: [queue.slug] };
  return (await call<{ user: StaffUser }>(admin, 'POST', '/api/users', body)).user;
}

/** Open the demo page's widget with this query (queue, identity…). */
export async function openWidgetAt(page: Page, query: string): Promise<Locator> {
  await page.goto(`/demo/?${query}`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const panel = widgetPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}

/** Open the demo page's widget on a queue given by slug. */
export async function openWidgetOn(page: Page, queueSlug: string): Promise<Locator> {
  return openWidgetAt(page, `queue=${encodeURIComponent(queueSlug)}`);
}
