// Workspace comfort: a tone and a desktop notification for a new chat and for a visitor message
// in another chat (never for the agent's own message, the chat being read, or the snapshot after
// a reload), the 🔔 switch; Alt+↓/↑ and Alt+Shift+↓ between chats, from the reply box too; search
// in the open conversation. Each test uses its own queue and agent.

import type { APIRequestContext, Page } from '@playwright/test';
import { agentListItem, agentLogin, agentMessage, agentPane, agentReply, expect, test, uniq, visitorSend } from './fixtures';
import { adminSession, createAgent, createQueue, openWidgetOn, type Queue } from './staff';

/** Installed before the workspace loads: a recording Notification (permission granted) and a
 *  counter of the oscillators the alert tone creates. */
function recordAlerts(): void {
  interface Recorded {
    title: string;
    body: string;
    onclick: (() => void) | null;
    closed: boolean;
  }
  const w = window as unknown as { __alerts: { notes: Recorded[]; oscillators: number; asked: number } };
  w.__alerts = { notes: [], oscillators: 0, asked: 0 };
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission(): Promise<string> {
      w.__alerts.asked++;
      return Promise.resolve('granted');
    }
    title: string;
    body: string;
    onclick: (() => void) | null = null;
    onclose: (() => void) | null = null;
    closed = false;
    constructor(title: string, options?: { body?: string }) {
      this.title = title;
      this.body = options?.body ?? '';
      w.__alerts.notes.push(this);
    }
    close(): void {
      this.closed = true;
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.__alerts.oscillators++;
    return create.call(this);
  };
}

interface Alerts {
  notes: { title: string; body: string }[];
  oscillators: number;
}

async function alerts(page: Page): Promise<Alerts> {
  return page.evaluate(() => {
    const a = (window as unknown as { __alerts: { notes: { title: string; body: string }[]; oscillators: number } }).__alerts;
    return { notes: a.notes.map((n) => ({ title: n.title, body: n.body })), oscillators: a.oscillators };
  });
}

async function notesCount(page: Page): Promise<number> {
  return (await alerts(page)).notes.length;
}

/** A queue and an agent of the test's own, the agent signed in with alerts recorded. */
async function ownAgent(
  newPage: (o?: object) => Promise<Page>,
  playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } },
  baseURL: string,
  tag: string,
): Promise<{ agent: Page; queue: Queue; email: string }> {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL }));
  const queue = await createQueue(admin, `${tag}-${id}`, `舒适测试${id}`);
  const email = `${tag}-${id}@demo.kefu`;
  await createAgent(admin, email, `测试坐席${id}`, queue);
  await admin.api.dispose();
  const agent = await newPage({ viewport: { width: 1440, height: 900 } });
  await agent.addInitScript(recordAlerts);
  await agentLogin(agent, email);
  return { agent, queue, email };
}

/** A visitor on `queue` writes `text`; returns their page and the name the agent sees. */
async function visitorChat(newPage: (o?: object) => Promise<Page>, agent: Page, queue: Queue, text: string): Promise<{ visitor: Page; name: string }> {
  const visitor = await newPage();
  await openWidgetOn(visitor, queue.slug);
  await visitorSend(visitor, text);
  const item = agentListItem(agent, text);
  await expect(item).toBeVisible();
  const name = (await item.locator('.ws-item-name').innerText()).trim();
  return { visitor, name };
}

test('new chats and visitor messages elsewhere alert; own messages, the open chat and the snapshot do not', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const { agent, queue, email } = await ownAgent(newPage, playwright, baseURL!, 'alerts');
  const bell = agent.getByTestId('alerts-toggle');
  await expect(bell).toHaveAttribute('aria-pressed', 'true');
  expect(await alerts(agent)).toEqual({ notes: [], oscillators: 0 });

  // A new chat: tone and notification titled with the visitor's name, previewing the question.
  const textA = `第一位客户的问题 ${id}`;
  const a = await visitorChat(newPage, agent, queue, textA);
  await expect.poll(() => notesCount(agent)).toBe(1);
  let now = await alerts(agent);
  expect(now.notes[0]).toEqual({ title: a.name, body: `新对话：${textA}` });
  await expect.poll(async () => (await alerts(agent)).oscillators).toBeGreaterThan(0);
  let tones = (await alerts(agent)).oscillators;

  // The chat the agent is reading: no alert for its visitor's message.
  await agentListItem(agent, textA).click();
  const moreA = `我再补充一句 ${id}`;
  await visitorSend(a.visitor, moreA);
  await expect(agentMessage(agent, 'visitor', moreA)).toBeVisible();

  // Another customer: a new chat alert (and nothing for the message above).
  const textB = `第二位客户的问题 ${id}`;
  const b = await visitorChat(newPage, agent, queue, textB);
  await expect.poll(() => notesCount(agent)).toBe(2);
  now = await alerts(agent);
  expect(now.notes[1]).toEqual({ title: b.name, body: `新对话：${textB}` });
  await expect.poll(async () => (await alerts(agent)).oscillators).toBeGreaterThan(tones);
  tones = (await alerts(agent)).oscillators;

  // A visitor message in the chat that is not selected alerts, with the message as the body.
  const moreB = `第二位客户又来消息了 ${id}`;
  await visitorSend(b.visitor, moreB);
  await expect.poll(() => notesCount(agent)).toBe(3);
  now = await alerts(agent);
  expect(now.notes[2]).toEqual({ title: b.name, body: moreB });
  await expect.poll(async () => (await alerts(agent)).oscillators).toBeGreaterThan(tones);

  // The agent's own messages never alert, not even in a chat that is not open here: a reply to
  // B from a second tab of the same agent (A is open in this one). The next alert is B's
  // following message, not the reply.
  const reply = `您好，这是客服的回复 ${id}`;
  const secondTab = await newPage();
  await agentLogin(secondTab, email);
  await agentListItem(secondTab, b.name).click();
  await agentReply(secondTab, reply);
  await expect(agentListItem(agent, reply)).toBeVisible();
  await expect(agentListItem(agent, a.name)).toHaveAttribute('aria-selected', 'true');
  const againB = `第二位客户第三条消息 ${id}`;
  await visitorSend(b.visitor, againB);
  await expect.poll(() => notesCount(agent)).toBe(4);
  now = await alerts(agent);
  expect(now.notes.map((n) => n.body)).toEqual([`新对话：${textA}`, `新对话：${textB}`, moreB, againB]);

  // A click on the notification opens its chat.
  await agent.evaluate(() => {
    const notes = (window as unknown as { __alerts: { notes: { onclick: (() => void) | null }[] } }).__alerts.notes;
    notes[notes.length - 1]!.onclick?.();
  });
  await expect(agentListItem(agent, againB)).toHaveAttribute('aria-selected', 'true');
  await expect(agentMessage(agent, 'visitor', againB)).toBeVisible();

  // After a reload the snapshot and its history are not news; the next message is.
  await agent.reload();
  await expect(agent.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
  await expect(agentListItem(agent, b.name)).toBeVisible();
  await expect(agentListItem(agent, a.name)).toBeVisible();
  const afterReload = `刷新之后的新消息 ${id}`;
  await visitorSend(a.visitor, afterReload);
  await expect.poll(() => notesCount(agent)).toBe(1);
  expect((await alerts(agent)).notes).toEqual([{ title: a.name, body: afterReload }]);

  // Switched off (kept across reloads): no tone, no notification.
  await bell.click();
  await expect(bell).toHaveAttribute('aria-pressed', 'false');
  await agent.reload();
  await expect(agent.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
  await expect(bell).toHaveAttribute('aria-pressed', 'false');
  const whileOff = `提醒关闭时的消息 ${id}`;
  await visitorSend(b.visitor, whileOff);
  await expect(agentListItem(agent, whileOff)).toBeVisible();
  expect(await alerts(agent)).toEqual({ notes: [], oscillators: 0 });

  // Switched on again: the browser is asked for permission on that click.
  await bell.click();
  await expect(bell).toHaveAttribute('aria-pressed', 'true');
  expect(await agent.evaluate(() => (window as unknown as { __alerts: { asked: number } }).__alerts.asked)).toBe(0);
  const backOn = `提醒重新开启后的消息 ${id}`;
  await visitorSend(b.visitor, backOn);
  await expect.poll(() => notesCount(agent)).toBe(1);
});

test('Alt+↓/↑ move between chats from anywhere, Alt+Shift+↓ jumps to the next unread one', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const { agent, queue } = await ownAgent(newPage, playwright, baseURL!, 'keys');
  const texts = [`甲客户 ${id}`, `乙客户 ${id}`, `丙客户 ${id}`];
  const visitors: Page[] = [];
  for (const text of texts) visitors.push((await visitorChat(newPage, agent, queue, text)).visitor);

  const list = agent.getByRole('listbox', { name: '对话列表' });
  const order = async () => list.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation')!));
  const selected = list.locator('[role="option"][aria-selected="true"]');
  const ids = await order();
  expect(ids).toHaveLength(3);
  // Which visitor is behind which list entry.
  const convOf: string[] = [];
  for (const text of texts) convOf.push((await agentListItem(agent, text).getAttribute('data-conversation'))!);

  // Open the first chat: the caret is in its reply box. Alt+↓ from there opens the next one,
  // caret in its reply box; Alt+↑ goes back.
  await list.getByRole('option').first().click();
  const box = agentPane(agent).getByRole('textbox', { name: '回复内容' });
  await expect(box).toBeFocused();
  await box.fill('草稿');
  await agent.keyboard.press('Alt+ArrowDown');
  await expect(selected).toHaveAttribute('data-conversation', ids[1]!);
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await agent.keyboard.press('Alt+ArrowDown');
  await expect(selected).toHaveAttribute('data-conversation', ids[2]!);
  // At the end it stays.
  await agent.keyboard.press('Alt+ArrowDown');
  await expect(selected).toHaveAttribute('data-conversation', ids[2]!);
  await agent.keyboard.press('Alt+ArrowUp');
  await expect(selected).toHaveAttribute('data-conversation', ids[1]!);
  await agent.keyboard.press('Alt+ArrowUp');
  await expect(selected).toHaveAttribute('data-conversation', ids[0]!);
  // The draft of the first chat is still there.
  await expect(box).toHaveValue('草稿');

  // From elsewhere in the workspace (the transcript) as well.
  await agentPane(agent).locator('.ws-transcript').focus();
  await agent.keyboard.press('Alt+ArrowDown');
  await expect(selected).toHaveAttribute('data-conversation', ids[1]!);

  // The list's own arrow keys still work, without Alt.
  await selected.focus();
  await agent.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('data-conversation', ids[0]!);
  await expect(selected).toBeFocused();

  // Alt+Shift+↓: the next chat with unread messages (all others are read: each was opened).
  // The visitor of the last chat in the list writes (which moves it to the top).
  const unreadText = `有新消息 ${id}`;
  await visitorSend(visitors[convOf.indexOf(ids[2]!)]!, unreadText);
  const unreadItem = agentListItem(agent, unreadText);
  await expect(unreadItem.getByTestId('unread-badge')).toBeVisible();
  await expect(unreadItem).toHaveAttribute('data-conversation', ids[2]!);
  await expect(list.getByTestId('unread-badge')).toHaveCount(1);
  await agent.keyboard.press('Alt+Shift+ArrowDown');
  await expect(selected).toHaveAttribute('data-conversation', ids[2]!);
  await expect(selected).toBeFocused();
  await expect(agentMessage(agent, 'visitor', unreadText)).toBeVisible();
  await expect(unreadItem.getByTestId('unread-badge')).toHaveCount(0);

  // The shortcuts are listed in the top bar's help.
  await agent.getByRole('button', { name: '快捷键' }).click();
  const help = agent.getByRole('region', { name: '键盘快捷键' });
  await expect(help).toContainText('下一个对话');
  await expect(help).toContainText('下一个有未读消息的对话');
  await agent.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('search in the open chat highlights matches, steps through them and clears on Esc', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const { agent, queue } = await ownAgent(newPage, playwright, baseURL!, 'search');
  const first = `我的信用卡被锁了 ${id}`;
  const { visitor } = await visitorChat(newPage, agent, queue, first);
  await agentListItem(agent, first).click();
  await visitorSend(visitor, '还有，VIP客户的信用卡年费怎么算？');
  await agentReply(agent, '您好，信用卡的问题我来帮您查询。');
  await visitorSend(visitor, '好的，谢谢');
  await expect(agentMessage(agent, 'visitor', '好的，谢谢')).toBeVisible();

  const pane = agentPane(agent);
  const marks = pane.locator('.ws-transcript mark');
  const current = pane.locator('.ws-transcript mark[data-current="true"]');
  const count = agent.getByTestId('search-count');

  // Ctrl+F from the reply box opens the bar with the focus in it.
  await pane.getByRole('textbox', { name: '回复内容' }).focus();
  await agent.keyboard.press('Control+f');
  const input = pane.getByRole('searchbox', { name: '在当前对话中搜索' });
  await expect(input).toBeFocused();

  await input.fill('信用卡');
  await expect(marks).toHaveCount(3);
  await expect(count).toHaveText('1 / 3');
  await expect(current).toHaveCount(1);
  await expect(marks.nth(0)).toHaveAttribute('data-current', 'true');
  await expect(marks.nth(0)).toHaveText('信用卡');
  // The message text is unchanged around the marks.
  await expect(agentMessage(agent, 'visitor', first).locator('.ws-bubble')).toHaveText(first);

  await input.press('Enter');
  await expect(count).toHaveText('2 / 3');
  await expect(marks.nth(1)).toHaveAttribute('data-current', 'true');
  await expect(current).toHaveCount(1);
  await input.press('Enter');
  await expect(count).toHaveText('3 / 3');
  await expect(marks.nth(2)).toHaveAttribute('data-current', 'true');
  // Past the last one it wraps around; Shift+Enter goes back.
  await input.press('Enter');
  await expect(count).toHaveText('1 / 3');
  await input.press('Shift+Enter');
  await expect(count).toHaveText('3 / 3');
  await input.press('Shift+Enter');
  await expect(count).toHaveText('2 / 3');
  await expect(marks.nth(1)).toHaveAttribute('data-current', 'true');

  // Case does not matter; text that looks like markup is only text.
  await input.fill('vip');
  await expect(marks).toHaveCount(1);
  await expect(marks.first()).toHaveText('VIP');
  await expect(count).toHaveText('1 / 1');
  await input.fill('<b>');
  await expect(count).toHaveText('无结果');
  await expect(marks).toHaveCount(0);

  // Esc closes the bar, removes the marks and gives the focus back.
  await input.fill('信用卡');
  await expect(marks).toHaveCount(3);
  await input.press('Escape');
  await expect(input).toBeHidden();
  await expect(marks).toHaveCount(0);
  await expect(pane.getByRole('textbox', { name: '回复内容' })).toBeFocused();

  // The header's button opens it too.
  await pane.getByRole('button', { name: '搜索对话内容' }).click();
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('');
  await input.fill('谢谢');
  await expect(count).toHaveText('1 / 1');
  await expect(current).toHaveText('谢谢');
});
