// REST helpers for specs that set up their own queue, agent and knowledge-base entries as the
// administrator (the pattern of 10-routing.spec.ts), so they never compete with other specs for
// the demo agents.

import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, widgetPanel } from './fixtures';

/** The administrator's REST session: the cookie lives in `api`, mutations send the CSRF token. */
export interface Admin {
  api: APIRequestContext;
  csrf: string;
}

export async function adminSession(newContext: () => Promise<APIRequestContext>): Promise<Admin> {
  const api = await newContext();
  const res = await api.post('/api/auth/login', {
    data: { tenant: 'demo-bank', email: 'admin@demo.kefu', password: DEMO_PASSWORD },
  });
  expect(res.status(), await res.text()).toBe(200);
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return { api, csrf: csrf_token };
}

export async function call<T>(admin: Admin, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await admin.api.fetch(path, {
    method,
    headers: method === 'GET' ? {} : { 'X-CSRF-Token': admin.csrf },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await res.text();
  expect(res.ok(), `${method} ${path} → ${res.status()} ${text}`).toBe(true);
  return (text === '' ? null : JSON.parse(text)) as T;
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

/** Open the demo page's widget on a queue given by slug. */
export async function openWidgetOn(page: Page, queueSlug: string): Promise<Locator> {
  await page.goto(`/demo/?queue=${encodeURIComponent(queueSlug)}`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const panel = widgetPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}
