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

// -- queueing and routing (supervisors and administrators) ---------------------------------

/** The top-bar navigation of supervisors and administrators (workspace, board, knowledge base…). */
export function workspaceNav(page: Page): Locator {
  return page.getByRole('navigation', { name: '页面' });
}

/** Open the live board (监控台) from the top bar. */
export async function openBoard(page: Page): Promise<void> {
  await workspaceNav(page).getByRole('link', { name: '监控台' }).click();
  await expect(page.getByRole('heading', { name: '监控台', level: 1 })).toBeVisible();
}

/** The board's row of a queue. */
export function boardQueueRow(page: Page, queue: string): Locator {
  return page
    .getByRole('table', { name: '队列' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: queue, exact: true }) });
}

/** The board's row of an agent (the row header holds the name and, for staff, the role). */
export function boardAgentRow(page: Page, name: string): Locator {
  return page
    .getByRole('table', { name: '坐席' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader').getByText(name, { exact: true }) });
}

/** The transfer dialog (agents from their chat, supervisors from the board). */
export function transferDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: '转接对话' });
}

/** Choose an agent (by name) in the open transfer dialog, add the note and transfer. */
export async function transferTo(page: Page, agentName: string, note: string): Promise<void> {
  const dialog = transferDialog(page);
  await dialog.getByRole('radio', { name: new RegExp(`^${agentName}`) }).check();
  await dialog.getByLabel('转接备注（选填）').fill(note);
  await dialog.getByRole('button', { name: '转接', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Close every open conversation in the agent's list, including ones the router hands over while
 * this runs (conversations earlier tests left open come back from the queue when an agent goes
 * online), so the agent is free for a test's own chats. Ends any wrap-up.
 */
export async function closeAllChats(page: Page): Promise<void> {
  const open = page.getByRole('listbox', { name: '对话列表' }).locator('[role="option"]:not([data-state="closed"])');
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(400);
    if ((await open.count()) === 0) break;
    await open.first().click();
    await agentPane(page).getByRole('button', { name: '结束对话' }).click();
    await expect(agentPane(page).getByText('对话已结束，无法继续回复。')).toBeVisible();
    await agentPane(page).getByRole('button', { name: '移出列表' }).click();
  }
  const endWrapUp = page.getByRole('button', { name: '结束整理' });
  if (await endWrapUp.isVisible()) await endWrapUp.click();
  await expect(page.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
}
