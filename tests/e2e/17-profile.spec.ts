// The customer profile panel beside the open conversation (客户资料): a customer who arrives with
// an identity signed by the bank's site shows its name, contact, VIP level, tags and attributes
// with the 已认证 badge; the agent edits tags, note and an attribute (kept across a reload; a bad
// email is refused with the server's reason and nothing typed is lost); a returning customer's
// earlier conversation shows in 历史会话 with its classification and summary, and opens as a
// readable transcript; an anonymous visitor is editable and has no badge; markup is text.
// Also takes docs/screenshots/workspace-profile.png.
//
// Each test makes its own queue and its own agent (the only member of that queue) over REST as
// the administrator, so nothing else the shared demo tenant does reaches them.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import {
  agentListItem,
  agentLogin,
  agentMessage,
  agentPane,
  agentReply,
  expect,
  test,
  uniq,
  visitorSend,
} from './fixtures';
import { adminSession, call, conversationIdOf, openWidgetAt, send, signIdentity, type Admin } from './staff';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshots/workspace-profile.png', import.meta.url));
const AGENT_PASSWORD = 'profile-agent-pw';
const DESKTOP = { width: 1440, height: 900 };

// -- REST as the administrator ---------------------------------------------------------------

interface Profile {
  id: string;
  name: string;
  phone: string;
  email: string;
  vip: number;
  tags: string[];
  attributes: { key: string; value: string }[];
  note: string;
  verified: boolean;
  user_id: string | null;
  updated_by: { id: string; name: string } | null;
}

interface ProfileAnswer {
  profile: Profile;
  conversations: { id: string; state: string; classification: { id: string; path: string[] } | null; summary: string }[];
}

interface Setup {
  queue: { id: string; slug: string; name: string };
  agent: { id: string; email: string; name: string };
}

/** A human-first queue of this test and an agent who is its only member. */
async function setUp(admin: Admin, id: string): Promise<Setup> {
  const { queue } = await call<{ queue: Setup['queue'] }>(admin, 'POST', '/api/queues', {
    slug: `pf-${id}`,
    name: `资料测试${id}`,
    bot_first: false,
  });
  const { user } = await call<{ user: Setup['agent'] }>(admin, 'POST', '/api/users', {
    email: `pf-${id}@demo.kefu`,
    name: `资料客服${id}`,
    password: AGENT_PASSWORD,
    role: 'agent',
    capacity: 3,
    queues: [queue.slug],
  });
  return { queue, agent: user };
}

/** The visitor's id (the conversation's, as the agent's list knows it) via the admin's REST view. */
async function profileOf(admin: Admin, visitorId: string): Promise<ProfileAnswer> {
  return call<ProfileAnswer>(admin, 'GET', `/api/visitors/${encodeURIComponent(visitorId)}/profile`);
}

// -- identity, widget, workspace ---------------------------------------------------------------

async function identityToken(admin: Admin, claims: Record<string, unknown>): Promise<string> {
  const { secret } = await call<{ secret: string }>(admin, 'GET', '/api/settings/identity');
  return signIdentity(secret, { exp: Math.floor(Date.now() / 1000) + 3600, ...claims });
}

/** A visitor (own browser context) writes in the test's queue; the agent opens the chat. */
async function visitorArrives(
  newPage: (o?: object) => Promise<Page>,
  agent: Page,
  setup: Setup,
  text: string,
  identity?: string,
): Promise<Page> {
  const visitor = await newPage();
  await openWidgetAt(visitor, `queue=${setup.queue.slug}${identity ? `&identity=${identity}` : ''}`);
  await visitorSend(visitor, text);
  await agentListItem(agent, text).click();
  await expect(agentMessage(agent, 'visitor', text)).toBeVisible();
  return visitor;
}

/** The profile panel of the open conversation (its side-panel tab chosen when there is one). */
async function openProfile(agent: Page): Promise<Locator> {
  const panel = agent.getByTestId('profile-panel');
  const tab = agent.getByRole('tab', { name: '客户资料' });
  await expect(panel.or(tab).first()).toBeVisible();
  if (!(await panel.isVisible())) await tab.click();
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('profile-name')).toBeVisible();
  return panel;
}

/** The value of one custom attribute in the panel. */
function attribute(panel: Locator, key: string): Locator {
  return panel
    .getByTestId('profile-attrs')
    .locator('div')
    .filter({ has: panel.page().locator('dt', { hasText: new RegExp(`^${escapeRe(key)}$`) }) })
    .locator('dd');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The conversation's visitor id, from the admin's view of the agent's open conversations. */
async function visitorIdOf(admin: Admin, agentId: string, conversation: string): Promise<string> {
  const { conversations } = await call<{ conversations: { id: string; visitor: { id: string } }[] }>(
    admin,
    'GET',
    `/api/conversations?agent=${encodeURIComponent(agentId)}`,
  );
  const found = conversations.find((c) => c.id === conversation);
  expect(found, `conversation ${conversation} of agent ${agentId}`).toBeDefined();
  return found!.visitor.id;
}

/**
 * The agent closes a conversation over the protocol from their own browser (their session),
 * with a classification and summary; resolves with `ack` or the error code.
 */
async function closeWith(agent: Page, conversation: string, classification: string, summary: string): Promise<string> {
  return agent.evaluate(
    async ({ id, classification, summary }) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer to the close')), 8000);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'agent' }));
        ws.onmessage = (m) => {
          for (const line of String(m.data).split('\n')) {
            const frame = JSON.parse(line) as { type: string; id?: string; code?: string };
            if (frame.type === 'welcome') {
              ws.send(JSON.stringify({ type: 'close', id: `pf-close-${id}`, conversation: id, classification, summary }));
            } else if ((frame.type === 'error' || frame.type === 'ack') && frame.id === `pf-close-${id}`) {
              clearTimeout(timer);
              ws.close();
              resolve(frame.type === 'ack' ? 'ack' : (frame.code ?? 'error'));
            }
          }
        };
      });
    },
    { id: conversation, classification, summary },
  );
}

// -- the tests ---------------------------------------------------------------------------------

test('a verified customer: name, contact, VIP, tags and attributes from the identity, with the badge', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const setup = await setUp(admin, id);
  const userId = `pf-user-${id}`;
  const name = `钱七${id}`;
  const email = `qian-${id}@example.cn`;
  const token = await identityToken(admin, {
    user_id: userId,
    name,
    phone: '13800138000',
    email,
    vip: 3,
    tags: ['vip', '信用卡'],
    attrs: { 会员等级: '金卡', 积分: 12800, 已实名: true },
  });

  const agent = await newPage({ viewport: DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
  await agentLogin(agent, setup.agent.email, AGENT_PASSWORD);
  const question = `我想办理信用卡账单分期 ${id}`;
  await visitorArrives(newPage, agent, setup, question, token);
  const panel = await openProfile(agent);

  await expect(panel.getByTestId('profile-name')).toHaveText(name);
  await expect(panel.getByTestId('profile-vip')).toHaveText('VIP3');
  const badge = panel.getByTestId('profile-verified');
  await expect(badge).toHaveText('已认证');
  await expect(badge).toHaveAttribute('title', `已通过企业身份认证，企业用户 ID：${userId}`);
  await expect(panel.getByTestId('profile-phone')).toContainText('13800138000');
  await expect(panel.getByTestId('profile-email')).toContainText(email);
  await expect(panel.getByTestId('profile-tags').getByRole('listitem')).toHaveText(['vip', '信用卡']);
  await expect(attribute(panel, '会员等级')).toHaveText('金卡');
  await expect(attribute(panel, '积分')).toHaveText('12800');
  await expect(attribute(panel, '已实名')).toHaveCount(1);
  await expect(panel.getByTestId('profile-note')).toHaveText('暂无备注');

  // Contact rows copy their value.
  await panel.getByRole('button', { name: '复制电话' }).click();
  await expect(panel.getByTestId('profile-phone').getByRole('status')).toHaveText('已复制');
  expect(await agent.evaluate(() => navigator.clipboard.readText())).toBe('13800138000');

  // This conversation is the only one, marked as the current one.
  const history = panel.getByTestId('profile-history');
  await expect(history.getByRole('heading', { name: '历史会话 (1)' })).toBeVisible();
  await expect(history.getByTestId('history-item')).toHaveCount(1);
  await expect(history.getByTestId('history-item')).toContainText('当前');
  await expect(history.getByTestId('history-item')).toContainText('未分类');

  // The server's record agrees.
  const conversation = await conversationIdOf(agent, question);
  const stored = await profileOf(admin, await visitorIdOf(admin, setup.agent.id, conversation));
  expect(stored.profile).toMatchObject({ name, verified: true, user_id: userId, vip: 3, phone: '13800138000', email });
  expect(stored.conversations.map((c) => c.id)).toEqual([conversation]);
});

test('the agent edits tags, note and an attribute; kept across a reload; a bad email is refused', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const setup = await setUp(admin, id);
  const agent = await newPage({ viewport: DESKTOP });
  await agentLogin(agent, setup.agent.email, AGENT_PASSWORD);
  const question = `信用卡年费能不能减免 ${id}`;
  await visitorArrives(newPage, agent, setup, question);
  let panel = await openProfile(agent);
  const form = panel.getByRole('form', { name: '编辑客户资料' });

  // Esc cancels: nothing saved, the 编辑 button has the focus again.
  await panel.getByTestId('profile-edit').click();
  await expect(form).toBeVisible();
  await expect(form.getByLabel('姓名')).toBeFocused();
  await form.getByLabel('备注').fill('这段备注不会保存');
  await form.getByLabel('备注').press('Escape');
  await expect(form).toHaveCount(0);
  await expect(panel.getByTestId('profile-note')).toHaveText('暂无备注');
  await expect(panel.getByTestId('profile-edit')).toBeFocused();

  // Tags as chips (Enter, and a Chinese comma), an attribute row, the note.
  const tagA = `投诉${id}`;
  const note = `客户希望减免年费，已提交申请 ${id}`;
  await panel.getByTestId('profile-edit').click();
  const tagBox = form.getByRole('textbox', { name: '标签' });
  await tagBox.fill(tagA);
  await tagBox.press('Enter');
  await tagBox.pressSequentially('需回访，');
  await expect(form.getByRole('button', { name: `删除标签“${tagA}”` })).toBeVisible();
  await expect(form.getByRole('button', { name: '删除标签“需回访”' })).toBeVisible();
  await expect(tagBox).toHaveValue('');
  await form.getByRole('button', { name: '添加属性' }).click();
  await expect(form.getByLabel('第 1 个属性的名称')).toBeFocused();
  await form.getByLabel('第 1 个属性的名称').fill('来源');
  await form.getByLabel('第 1 个属性的值').fill(`官网 ${id}`);
  // A second row with a value but no name is refused before anything is sent.
  await form.getByRole('button', { name: '添加属性' }).click();
  await form.getByLabel('第 2 个属性的值').fill('无名属性');
  await form.getByLabel('备注').fill(note);
  await form.getByTestId('profile-save').click();
  await expect(form.getByTestId('profile-error')).toHaveText('请先修正标出的问题。');
  await expect(form.getByText('请填写属性名。')).toBeVisible();
  await expect(form.getByLabel('第 2 个属性的名称')).toBeFocused();
  await form.getByRole('button', { name: '删除第 2 个属性' }).click();
  await expect(form.getByLabel('第 2 个属性的名称')).toHaveCount(0);
  await form.getByTestId('profile-save').click();

  await expect(form).toHaveCount(0);
  await expect(panel.getByTestId('profile-saved')).toHaveText('已保存');
  await expect(panel.getByTestId('profile-updated')).toContainText(`${setup.agent.name} 更新于`);
  await expect(panel.getByTestId('profile-tags').getByRole('listitem')).toHaveText([tagA, '需回访']);
  await expect(attribute(panel, '来源')).toHaveText(`官网 ${id}`);
  await expect(panel.getByTestId('profile-note')).toHaveText(note);

  const conversation = await conversationIdOf(agent, question);
  const visitorId = await visitorIdOf(admin, setup.agent.id, conversation);
  const stored = (await profileOf(admin, visitorId)).profile;
  expect(stored).toMatchObject({ tags: [tagA, '需回访'], attributes: [{ key: '来源', value: `官网 ${id}` }], note });
  expect(stored.updated_by?.name).toBe(setup.agent.name);

  // Kept across a reload of the workspace.
  await agent.reload();
  await expect(agent.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
  await agentListItem(agent, question).click();
  panel = await openProfile(agent);
  await expect(panel.getByTestId('profile-tags').getByRole('listitem')).toHaveText([tagA, '需回访']);
  await expect(attribute(panel, '来源')).toHaveText(`官网 ${id}`);
  await expect(panel.getByTestId('profile-note')).toHaveText(note);

  // The server's reason for a bad email, as it answers anyone (nothing is changed by it).
  const refused = await send<{ error: { code: string; message: string } }>(
    admin,
    'PATCH',
    `/api/visitors/${encodeURIComponent(visitorId)}/profile`,
    { email: 'not-an-email' },
  );
  expect(refused.status).toBe(400);
  const reason = refused.body.error.message;
  expect(reason).toBeTruthy();

  // In the editor: the reason is shown beside the buttons, everything typed stays.
  const note2 = `${note}；客户要求邮件回复`;
  await panel.getByTestId('profile-edit').click();
  await form.getByLabel('邮箱').fill('not-an-email');
  await form.getByLabel('备注').fill(note2);
  await form.getByTestId('profile-save').click();
  await expect(form.getByTestId('profile-error')).toHaveText(`保存失败：${reason}`);
  await expect(form).toBeVisible();
  await expect(form.getByLabel('邮箱')).toHaveValue('not-an-email');
  await expect(form.getByLabel('备注')).toHaveValue(note2);
  await expect(form.getByRole('button', { name: `删除标签“${tagA}”` })).toBeVisible();
  expect((await profileOf(admin, visitorId)).profile).toMatchObject({ email: '', note });

  // Corrected, it saves.
  const email = `kehu-${id}@example.cn`;
  await form.getByLabel('邮箱').fill(email);
  await form.getByTestId('profile-save').click();
  await expect(form).toHaveCount(0);
  await expect(panel.getByTestId('profile-saved')).toHaveText('已保存');
  await expect(panel.getByTestId('profile-email')).toContainText(email);
  await expect(panel.getByTestId('profile-note')).toHaveText(note2);
  expect((await profileOf(admin, visitorId)).profile).toMatchObject({ email, note: note2 });
});

test('a returning customer: the earlier conversation with its classification, summary and transcript', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const setup = await setUp(admin, id);

  // A classification of this test, added to the tenant's tree (put back at the end).
  type Node = { id: string; parent: string | null; name: string; order: number; enabled: boolean };
  const before = (await call<{ nodes: Node[] }>(admin, 'GET', '/api/classification/tree')).nodes;
  const top = `资料测试分类${id}`;
  await call(admin, 'PUT', '/api/classification/tree', {
    nodes: [
      ...before,
      { id: `pf-${id}`, parent: null, name: top, order: before.filter((n) => n.parent === null).length, enabled: true },
      { id: `pf-${id}-inst`, parent: `pf-${id}`, name: '账单分期', order: 0, enabled: true },
    ],
  });
  try {
    const token = await identityToken(admin, {
      user_id: `pf-back-${id}`,
      name: '孙丽华',
      phone: '13912345678',
      email: `sun-${id}@example.cn`,
      vip: 5,
      tags: ['房贷', '信用卡'],
      attrs: { 会员等级: '白金卡', 开户网点: '上海陆家嘴支行' },
    });
    const agent = await newPage({ viewport: DESKTOP });
    await agentLogin(agent, setup.agent.email, AGENT_PASSWORD);

    // The first visit: a question, the agent's answer, closed with a classification and summary.
    const first = `上个月的账单可以分期吗 ${id}`;
    const answer = `可以的，我帮您办理 12 期分期 ${id}`;
    const summary = `客户申请账单分期 12 期，已办理 ${id}`;
    const visitor = await visitorArrives(newPage, agent, setup, first, token);
    const firstId = await conversationIdOf(agent, first);
    await agentReply(agent, answer);
    await expect(agentMessage(agent, 'agent', answer)).toBeVisible();
    let panel = await openProfile(agent);
    const onlyItem = panel.locator(`[data-testid="history-item"][data-conversation="${firstId}"]`);
    await expect(onlyItem.getByTestId('history-classification')).toHaveText('未分类');
    expect(await closeWith(agent, firstId, `pf-${id}-inst`, summary)).toBe('ack');
    await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
    // The panel reads the profile again when the conversation closes: now classified.
    await expect(onlyItem.getByTestId('history-classification')).toHaveText(`${top} › 账单分期`);
    await expect(onlyItem.getByTestId('history-summary')).toHaveText(summary);
    await expect(onlyItem).toContainText('已结束 · 客服结束');
    await visitor.close();

    // The customer comes back on another device (same verified identity).
    const second = `分期后还能提前还款吗 ${id}`;
    await visitorArrives(newPage, agent, setup, second, token);
    const secondId = await conversationIdOf(agent, second);
    panel = await openProfile(agent);
    await expect(panel.getByTestId('profile-name')).toHaveText('孙丽华');
    await expect(panel.getByTestId('profile-vip')).toHaveText('VIP5');
    const history = panel.getByTestId('profile-history');
    await expect(history.getByRole('heading', { name: '历史会话 (2)' })).toBeVisible();
    const items = history.getByTestId('history-item');
    await expect(items).toHaveCount(2);
    // Newest first: this conversation, then the earlier one.
    await expect(items.nth(0)).toHaveAttribute('data-conversation', secondId);
    await expect(items.nth(0)).toContainText('当前');
    const earlier = items.nth(1);
    await expect(earlier).toHaveAttribute('data-conversation', firstId);
    await expect(earlier).not.toContainText('当前');
    await expect(earlier.getByTestId('history-classification')).toHaveText(`${top} › 账单分期`);
    await expect(earlier.getByTestId('history-summary')).toHaveText(summary);
    await expect(earlier).toContainText(setup.agent.name);
    await expect(earlier).toContainText('已结束');

    // The screenshot of the workspace with the profile panel (desktop size; canned replies
    // folded away so the conversation and the profile share the width).
    const cannedToggle = agent.getByRole('button', { name: '快捷回复', exact: true });
    if ((await cannedToggle.getAttribute('aria-pressed')) === 'true') await cannedToggle.click();
    await expect(cannedToggle).toHaveAttribute('aria-pressed', 'false');
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await agent.screenshot({ path: SCREENSHOT });

    // The earlier transcript, readable, in a dialog.
    const opener = earlier.getByRole('button');
    await opener.click();
    const dialog = agent.getByRole('dialog', { name: /^会话记录 · / });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('data-testid', 'transcript-dialog');
    const question = dialog.locator('[data-author="visitor"]').filter({ hasText: first });
    await expect(question).toContainText('客户');
    const reply = dialog.locator('[data-author="agent"]').filter({ hasText: answer });
    await expect(reply).toContainText(setup.agent.name);
    await expect(dialog.locator('[data-code="assigned"]')).toContainText(setup.agent.name);
    await expect(dialog.locator('[data-code="closed"]')).toBeVisible();
    await expect(dialog.getByTestId('transcript-classification')).toHaveText(`${top} › 账单分期`);
    await expect(dialog.getByTestId('transcript-summary')).toHaveText(summary);
    // Not the current conversation's messages.
    await expect(dialog).not.toContainText(second);

    // Focus stays inside while tabbing; Esc closes and gives it back to the entry.
    const focusInside = () => agent.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
    expect(await focusInside()).toBe(true);
    for (let i = 0; i < 4; i++) {
      await agent.keyboard.press('Tab');
      expect(await focusInside()).toBe(true);
    }
    await agent.keyboard.press('Shift+Tab');
    expect(await focusInside()).toBe(true);
    await agent.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  } finally {
    await call(admin, 'PUT', '/api/classification/tree', { nodes: before });
  }
});

test('an anonymous visitor: a profile without the verified badge, editable', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const setup = await setUp(admin, id);
  const agent = await newPage({ viewport: DESKTOP });
  await agentLogin(agent, setup.agent.email, AGENT_PASSWORD);
  const question = `网点几点关门 ${id}`;
  await visitorArrives(newPage, agent, setup, question);
  const panel = await openProfile(agent);

  // The generated visitor name, as the conversation shows it; no badge, nothing else known.
  const shownName = (await agentPane(agent).locator('.ws-pane-title h2').textContent())?.trim() ?? '';
  expect(shownName).not.toBe('');
  await expect(panel.getByTestId('profile-name')).toHaveText(shownName);
  await expect(panel.getByTestId('profile-verified')).toHaveCount(0);
  await expect(panel.getByText('未认证')).toBeVisible();
  await expect(panel.getByTestId('profile-vip')).toHaveCount(0);
  await expect(panel.getByTestId('profile-phone')).toContainText('未填写');
  await expect(panel.getByTestId('profile-tags')).toContainText('暂无标签');
  await expect(panel.getByTestId('profile-history').getByTestId('history-item')).toHaveCount(1);

  // Editable: name, phone and VIP level; no identity hint for an anonymous visitor.
  await panel.getByTestId('profile-edit').click();
  const form = panel.getByRole('form', { name: '编辑客户资料' });
  await expect(form.getByText(/已通过企业身份认证/)).toHaveCount(0);
  // An empty name is refused here, before anything is sent.
  await form.getByLabel('姓名').fill('');
  await form.getByTestId('profile-save').click();
  await expect(form.getByText('请填写姓名。')).toBeVisible();
  await expect(form.getByLabel('姓名')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('姓名').fill(`林先生${id}`);
  await expect(form.getByText('请填写姓名。')).toHaveCount(0);
  await form.getByLabel('电话').fill('021-5555 0100');
  await form.getByLabel('VIP 等级').selectOption({ label: 'VIP2' });
  await form.getByTestId('profile-save').click();
  await expect(form).toHaveCount(0);
  await expect(panel.getByTestId('profile-saved')).toHaveText('已保存');
  await expect(panel.getByTestId('profile-name')).toHaveText(`林先生${id}`);
  await expect(panel.getByTestId('profile-vip')).toHaveText('VIP2');
  await expect(panel.getByTestId('profile-phone')).toContainText('021-5555 0100');
  await expect(panel.getByTestId('profile-verified')).toHaveCount(0);

  const conversation = await conversationIdOf(agent, question);
  const stored = (await profileOf(admin, await visitorIdOf(admin, setup.agent.id, conversation))).profile;
  expect(stored).toMatchObject({ name: `林先生${id}`, phone: '021-5555 0100', vip: 2, verified: false, user_id: null });
});

test('markup in a name, tag, attribute, note or message is shown as text', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const setup = await setUp(admin, id);
  const name = '<img src=x onerror=window.__pfXss=1>';
  const attrKey = '<b>等级</b>';
  const attrValue = '<img src=x onerror=window.__pfXss=2>';
  const tag = '<script>window.__pfXss=3</script>';
  const token = await identityToken(admin, {
    user_id: `pf-xss-${id}`,
    name,
    tags: [tag],
    attrs: { [attrKey]: attrValue },
  });
  const agent = await newPage({ viewport: DESKTOP });
  await agentLogin(agent, setup.agent.email, AGENT_PASSWORD);
  const message = `<img src=x onerror=window.__pfXss=4> ${id}`;
  await visitorArrives(newPage, agent, setup, message, token);
  const panel = await openProfile(agent);

  await expect(panel.getByTestId('profile-name')).toHaveText(name);
  await expect(panel.getByTestId('profile-tags').getByRole('listitem')).toHaveText([tag]);
  await expect(attribute(panel, attrKey)).toHaveText(attrValue);

  // The agent's note with markup, saved and shown as typed.
  const note = `<a href="javascript:window.__pfXss=5">点我</a> ${id}`;
  await panel.getByTestId('profile-edit').click();
  const form = panel.getByRole('form', { name: '编辑客户资料' });
  await form.getByLabel('备注').fill(note);
  await form.getByTestId('profile-save').click();
  await expect(panel.getByTestId('profile-note')).toHaveText(note);

  // The current conversation's transcript in the dialog: the message is text too.
  await panel.getByTestId('history-item').first().getByRole('button').click();
  const dialog = agent.getByTestId('transcript-dialog');
  await expect(dialog.locator('[data-author="visitor"]')).toContainText(message);
  await expect(dialog.locator('img, b, script, a[href^="javascript"]')).toHaveCount(0);
  await agent.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await expect(panel.locator('img, b, script, a[href^="javascript"]')).toHaveCount(0);
  await agent.waitForTimeout(300);
  expect(await agent.evaluate(() => (window as unknown as { __pfXss?: number }).__pfXss)).toBeUndefined();
});
