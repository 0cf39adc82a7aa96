// Shared fixtures and page helpers for the Kefu browser tests.

import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';

export { expect };

export const DEMO_PASSWORD = 'kefu-demo';

interface Fixtures {
  /** Open a page in a fresh browser context (own cookies and storage), closed after the test. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  newPage: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    const uncaught: string[] = [];
    await use(async (options = {}) => {
      const ctx = await browser.newContext({ baseURL: baseURL!, locale: 'zh-CN', ...options });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.on('pageerror', (err) => uncaught.push(`${page.url()}: ${err.message}`));
      return page;
    });
    for (const ctx of contexts) await ctx.close();
    // No page may throw an uncaught exception during a test.
    expect(uncaught).toEqual([]);
  },
});

/** A suffix that keeps each test's texts unique, so list items are easy to find. */
export function uniq(): string {
  return Math.random().toString(36).slice(2, 8);
}

// -- visitor widget ---------------------------------------------------------------

export function widgetPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: '在线客服对话窗口' });
}

/**
 * Go to the demo bank and open the chat panel. The queue decides who answers first: `cards`
 * (信用卡) is human-first, `retail` (个人业务) is bot-first; agent1 serves both.
 */
export async function openWidget(page: Page, queue: 'cards' | 'retail' = 'cards'): Promise<Locator> {
  await page.goto(`/demo/?queue=${queue}`);
  await page.getByRole('button', { name: '打开在线客服' }).click();
  const panel = widgetPanel(page);
  await expect(panel).toBeVisible();
  return panel;
}

export async function visitorSend(page: Page, text: string): Promise<void> {
  const input = widgetPanel(page).getByRole('textbox', { name: '消息内容' });
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

/** Transcript rows (server events, not pending copies) of the widget with the given text. */
export function widgetMessage(page: Page, author: 'visitor' | 'agent' | 'bot', text: string): Locator {
  return widgetPanel(page).locator(`.kf-row[data-author="${author}"][data-seq]`).filter({ hasText: text });
}

// -- agent workspace ----------------------------------------------------------------

/** Sign in at /agent/ and wait until the workspace is connected and online. */
export async function agentLogin(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/agent/');
  await expect(page.getByLabel('企业标识')).toHaveValue('demo-bank');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
}

/** The list entry of the conversation whose preview or name contains `text`. */
export function agentListItem(page: Page, text: string): Locator {
  return page.getByRole('listbox', { name: '对话列表' }).getByRole('option').filter({ hasText: text });
}

export function agentPane(page: Page): Locator {
  return page.locator('main.ws-pane');
}

export async function agentReply(page: Page, text: string): Promise<void> {
  const input = agentPane(page).getByRole('textbox', { name: '回复内容' });
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

/** Transcript rows (server events) in the agent's open conversation with the given text. */
export function agentMessage(page: Page, author: 'visitor' | 'agent' | 'bot', text: string): Locator {
  return agentPane(page).locator(`.ws-msg[data-author="${author}"][data-seq]`).filter({ hasText: text });
}
