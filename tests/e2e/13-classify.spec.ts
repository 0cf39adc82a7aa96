// Inquiry classification (咨询分类) and the repeat-contact alert. With classification required
// (set over REST): an agent's close without one is refused — by the disabled button, and by the
// server when forced over the protocol or when the workspace's rule was stale — while closing
// with a classification and summary works; the same visitor comes back and the agent sees the
// repeat-contact banner with the previous classification and summary at once (screenshot
// docs/screenshots/workspace-repeat.png); a visitor's own close is never refused and the agent
// classifies it afterwards. The test puts the tenant's settings back.

import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  agentListItem,
  agentLogin,
  agentMessage,
  agentPane,
  agentReply,
  closeAllChats,
  DEMO_PASSWORD,
  expect,
  openWidget,
  test,
  uniq,
  visitorSend,
  widgetPanel,
} from './fixtures';
import { adminSession, conversationIdOf, send, type Admin } from './staff';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshots/workspace-repeat.png', import.meta.url));

interface Settings {
  required: boolean;
  repeat_window_hours: number;
}

/**
 * A close sent straight over the protocol from the agent's browser (its own session cookie),
 * bypassing the workspace: resolves with the server's answer, `ack` or the error code.
 */
async function rawClose(agent: Page, conversation: string): Promise<string> {
  return agent.evaluate(async (id) => {
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/ws`);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to the close')), 8000);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', role: 'agent' }));
      ws.onmessage = (m) => {
        for (const line of String(m.data).split('\n')) {
          const frame = JSON.parse(line) as { type: string; id?: string; code?: string };
          if (frame.type === 'welcome') {
            ws.send(JSON.stringify({ type: 'close', id: `forced-${id}`, conversation: id }));
          } else if ((frame.type === 'error' || frame.type === 'ack') && frame.id === `forced-${id}`) {
            clearTimeout(timer);
            ws.close();
            resolve(frame.type === 'ack' ? 'ack' : frame.code ?? 'error');
          }
        }
      };
    });
  }, conversation);
}

function closeDialog(page: Page) {
  return page.getByRole('dialog', { name: '结束对话' });
}

test('a required classification on close, and the repeat-contact alert when the customer returns', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const firstQuestion = `我忘记了手机银行登录密码 ${id}`;
  const summary = `客户忘记登录密码，已指导在手机银行重置 ${id}`;
  const secondQuestion = `密码重置后还是登录不了 ${id}`;
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const before = (await send<{ settings: Settings }>(admin, 'GET', '/api/classification/settings')).body.settings;

  const agent = await newPage({ viewport: { width: 1440, height: 900 } });
  await agentLogin(agent, 'agent1@demo.kefu');
  await closeAllChats(agent);
  try {
    // Required from now on; the workspace still has the old rule (it learns the new one from the
    // server's refusal).
    const saved = await send<{ settings: Settings }>(admin, 'PUT', '/api/classification/settings', {
      required: true,
      repeat_window_hours: 48,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toEqual({ required: true, repeat_window_hours: 48 });

    const visitor = await newPage();
    const panel = await openWidget(visitor, 'cards');
    await visitorSend(visitor, firstQuestion);
    await agentListItem(agent, firstQuestion).click();
    await expect(agentMessage(agent, 'visitor', firstQuestion)).toBeVisible();
    const first = await conversationIdOf(agent, firstQuestion);
    await agentReply(agent, `您好，我来帮您重置密码 ${id}`);

    // A close forced over the protocol without a classification is refused; nothing changes.
    expect(await rawClose(agent, first)).toBe('classification_required');
    // So is the workspace's own close: its rule was stale, the server's refusal is shown in the
    // close dialog, whose 结束 stays disabled until a classification is chosen.
    await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
    const dialog = closeDialog(agent);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveText('服务器拒绝结束：本企业要求先选择咨询分类。');
    await expect(dialog.getByText('本企业要求结束对话前选择咨询分类。')).toBeVisible();
    const end = dialog.getByRole('button', { name: '结束', exact: true });
    await expect(end).toBeDisabled();
    await expect(panel.getByText('客服已结束本次对话，感谢您的咨询。')).toHaveCount(0);

    // Search and choose by keyboard, add a summary, end the chat.
    const search = dialog.getByRole('searchbox', { name: '搜索分类' });
    await search.fill('密码');
    const options = dialog.getByRole('listbox', { name: '咨询分类' }).getByRole('option');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveText('账户与银行卡 › 密码重置');
    await search.press('Enter');
    await expect(dialog.getByTestId('classify-chosen')).toHaveText('已选：账户与银行卡 › 密码重置');
    await dialog.getByLabel('小结（选填）').fill(summary);
    await expect(end).toBeEnabled();
    await end.click();
    await expect(dialog).toBeHidden();
    await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
    await expect(agentPane(agent).getByTestId('classify-closed')).toContainText('已分类：账户与银行卡 › 密码重置');
    await expect(panel.getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();

    // Staff read it back over REST: on the conversation and in its closed event.
    const recorded = await send<{ classification: { id: string; path: string[]; summary: string } }>(
      admin,
      'GET',
      `/api/conversations/${first}/classification`,
    );
    expect(recorded.body.classification).toEqual({ id: 'acct-pwd', path: ['账户与银行卡', '密码重置'], summary });
    await agentPane(agent).getByRole('button', { name: '移出列表' }).click();

    // The same visitor (same browser storage) comes back: the agent sees the alert at once.
    await visitorSend(visitor, secondQuestion);
    const item = agentListItem(agent, secondQuestion);
    await expect(item).toBeVisible();
    await item.click();
    const banner = agentPane(agent).getByRole('note', { name: '重复咨询' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/该客户 \d+ 分钟 前咨询过：账户与银行卡 › 密码重置 — /);
    await expect(banner).toContainText(summary);
    const second = await conversationIdOf(agent, secondQuestion);
    const repeat = await send<{ repeat: { conversation: string; summary: string } | null }>(
      admin,
      'GET',
      `/api/conversations/${second}/repeat`,
    );
    expect(repeat.body.repeat?.conversation).toBe(first);

    // The previous transcript, one click away.
    await banner.getByRole('button', { name: '查看上次对话' }).click();
    const previous = banner.getByRole('log', { name: '上次对话记录' });
    await expect(previous).toContainText(firstQuestion);
    await expect(agentMessage(agent, 'visitor', secondQuestion)).toBeVisible();
    await agent.screenshot({ path: SCREENSHOT });

    // The visitor ends this one themselves: never refused; the agent is asked to classify it.
    await widgetPanel(visitor).getByRole('button', { name: '结束对话' }).click();
    await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
    const note = agentPane(agent).getByTestId('classify-closed');
    await expect(note).toContainText('本企业要求为每次咨询分类，请补充。');
    await note.getByRole('button', { name: '添加咨询分类' }).click();
    const later = agent.getByRole('dialog', { name: '咨询分类' });
    await later.getByRole('option', { name: '电子银行 › 登录问题' }).click();
    await later.getByRole('button', { name: '保存', exact: true }).click();
    await expect(later).toBeHidden();
    await expect(note).toContainText('已分类：电子银行 › 登录问题');
    const afterwards = await send<{ classification: { id: string } }>(admin, 'GET', `/api/conversations/${second}/classification`);
    expect(afterwards.body.classification.id).toBe('ebank-login');
    await agentPane(agent).getByRole('button', { name: '移出列表' }).click();
  } finally {
    await send(admin, 'PUT', '/api/classification/settings', before);
  }
});

test('supervisors edit the tree; agents only read it; tenants are isolated', async ({ playwright, baseURL }) => {
  const admin = await adminSession(await playwright.request.newContext({ baseURL: baseURL! }));
  const agentApi = await playwright.request.newContext({ baseURL: baseURL! });
  const login = await agentApi.post('/api/auth/login', {
    data: { tenant: 'demo-bank', email: 'agent2@demo.kefu', password: DEMO_PASSWORD },
  });
  const agent: Admin = { api: agentApi, csrf: ((await login.json()) as { csrf_token: string }).csrf_token };

  const tree = (await send<{ nodes: { id: string; name: string }[] }>(agent, 'GET', '/api/classification/tree')).body.nodes;
  expect(tree.map((n) => n.name)).toContain('密码重置');
  expect((await send(agent, 'PUT', '/api/classification/tree', { nodes: tree })).status).toBe(403);
  expect((await send(agent, 'PUT', '/api/classification/settings', { required: true })).status).toBe(403);

  // A cycle is refused with the reason; the tree is unchanged.
  const cyclic = await send<{ error: { code: string; message: string } }>(admin, 'PUT', '/api/classification/tree', {
    nodes: [
      { id: 'x1', parent: 'x2', name: '甲' },
      { id: 'x2', parent: 'x1', name: '乙' },
    ],
  });
  expect(cyclic.status).toBe(400);
  expect(cyclic.body.error.code).toBe('bad_frame');
  const after = (await send<{ nodes: unknown[] }>(admin, 'GET', '/api/classification/tree')).body.nodes;
  expect(after).toHaveLength(tree.length);

  // Unknown conversations are "not found".
  expect((await send(admin, 'GET', '/api/conversations/c_nope/classification')).status).toBe(404);
  expect((await send(admin, 'GET', '/api/conversations/c_nope/repeat')).status).toBe(404);

  // Another tenant starts with no tree and its own settings; the bank's tree is untouched by its
  // edits, even with the same node ids.
  const slug = `cls-${uniq()}`;
  const created = await admin.api.post('/api/tenants', {
    headers: { 'X-CSRF-Token': admin.csrf },
    data: { slug, name: '另一家', admin: { email: 'boss@other', name: '老板', password: 'other-secret-1' } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const otherApi = await playwright.request.newContext({ baseURL: baseURL! });
  const otherLogin = await otherApi.post('/api/auth/login', {
    data: { tenant: slug, email: 'boss@other', password: 'other-secret-1' },
  });
  const other: Admin = { api: otherApi, csrf: ((await otherLogin.json()) as { csrf_token: string }).csrf_token };
  expect((await send<{ nodes: unknown[] }>(other, 'GET', '/api/classification/tree')).body.nodes).toEqual([]);
  expect((await send<{ settings: Settings }>(other, 'GET', '/api/classification/settings')).body.settings).toEqual({
    required: false,
    repeat_window_hours: 48,
  });
  const put = await send<{ nodes: { id: string }[] }>(other, 'PUT', '/api/classification/tree', {
    nodes: [{ id: 'acct', parent: null, name: '售后' }],
  });
  expect(put.status).toBe(200);
  const bank = (await send<{ nodes: { id: string; name: string }[] }>(admin, 'GET', '/api/classification/tree')).body.nodes;
  expect(bank.find((n) => n.id === 'acct')?.name).toBe('账户与银行卡');
  expect(bank).toHaveLength(tree.length);
});
