// Automatic messages: an administrator sets the greeting, closing words, the reminder to a silent
// customer and the idle close on the routing page; the customer reads them as the agent's words
// (with the agent's and their own name filled in), the agent sees them marked as automatic.

import type { Page } from '@playwright/test';
import {
  agentListItem,
  agentLogin,
  agentPane,
  agentReply,
  closeAllChats,
  expect,
  openWidget,
  test,
  uniq,
  visitorSend,
  widgetMessage,
  widgetPanel,
  workspaceNav,
} from './fixtures';

/** The widget's rows said on the agent's behalf, by purpose. */
function autoRow(page: Page, purpose: 'greeting' | 'closing' | 'reminder') {
  return widgetPanel(page).locator(`.kf-row-auto[data-purpose="${purpose}"]`);
}

/** The workspace's line for an automatic message, by purpose. */
function autoLine(page: Page, purpose: 'greeting' | 'closing' | 'reminder') {
  return agentPane(page).locator(`.ws-system[data-purpose="${purpose}"]`);
}

test.afterAll(async ({ browser }) => {
  // Everything off again, so that other specs see the default behaviour.
  const page = await browser.newPage();
  await agentLogin(page, 'admin@demo.kefu');
  const csrf = await page.evaluate(async () => {
    const me = await fetch('/api/auth/me').then((r) => r.json());
    return (me as { csrf_token: string }).csrf_token;
  });
  const reset = await page.request.put('/api/routing/settings', {
    headers: { 'X-CSRF-Token': csrf },
    data: { auto_messages: { greeting: '', closing: '', reminder_after_s: 0, reminder: '', close_after_s: 0 } },
  });
  expect(reset.status()).toBe(200);
  await page.close();
});

test('greeting, reminder after silence, idle close and closing words, as set by the administrator', async ({
  newPage,
}) => {
  const id = uniq();
  // The administrator sets the messages (short timers: minutes may have decimals) and leaves.
  const admin = await newPage();
  await agentLogin(admin, 'admin@demo.kefu');
  await workspaceNav(admin).getByRole('link', { name: '路由设置' }).click();
  const section = admin.getByRole('region', { name: '自动消息' });
  await section.getByLabel('接入问候语').fill(`您好，我是{客服名}，{客户名}请讲 ${id}`);
  await section.getByLabel('结束语').fill(`感谢您的咨询 ${id}`);
  await section.getByLabel('客户未回复提醒（分钟）').fill('0.05');
  await section.getByLabel('提醒内容').fill(`请问{客户名}还在吗？${id}`);
  await section.getByLabel('提醒后自动结束（分钟）').fill('0.05');
  // A bad duration is refused in the form, nothing is lost.
  await section.getByLabel('提醒后自动结束（分钟）').fill('-1');
  await section.getByRole('button', { name: '保存自动消息' }).click();
  await expect(section.getByText('请输入 0–1440 之间的分钟数（可含小数）。')).toBeVisible();
  await expect(section.getByLabel('接入问候语')).toHaveValue(`您好，我是{客服名}，{客户名}请讲 ${id}`);
  await section.getByLabel('提醒后自动结束（分钟）').fill('0.05');
  await section.getByRole('button', { name: '保存自动消息' }).click();
  await expect(section.getByText('自动消息已保存。')).toBeVisible();
  // Saved in seconds; the routing settings saved elsewhere on the page keep them.
  await admin.reload();
  await expect(section.getByLabel('客户未回复提醒（分钟）')).toHaveValue('0.05');
  await admin.getByRole('region', { name: '整理、断线与输入预览' }).getByRole('button', { name: '保存设置' }).click();
  await admin.reload();
  await expect(section.getByLabel('结束语')).toHaveValue(`感谢您的咨询 ${id}`);
  await admin.getByRole('button', { name: '退出' }).click();

  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  await closeAllChats(agent);
  const visitor = await newPage();
  const panel = await openWidget(visitor);
  const hello = `你好 ${id}`;
  await visitorSend(visitor, hello);

  // The greeting, in the agent's name, addressed to the customer by name.
  const greeting = autoRow(visitor, 'greeting');
  await expect(greeting).toContainText(/您好，我是王小明，访客 \S+请讲/);
  await expect(greeting).toContainText(id);
  await expect(greeting.locator('.kf-author')).toHaveText('王小明');
  await agentListItem(agent, hello).click();
  await expect(autoLine(agent, 'greeting')).toContainText(`自动消息：您好，我是王小明`);

  // The customer answers the agent in time: no reminder.
  await agentReply(agent, `请问有什么可以帮您？${id}`);
  await visitorSend(visitor, `我想查一下账单 ${id}`);
  await visitor.waitForTimeout(4500);
  await expect(autoRow(visitor, 'reminder')).toHaveCount(0);

  // The agent speaks, the customer stays silent: a reminder after 3 s, the close 3 s later.
  await agentReply(agent, `已为您查到，请问还有其他问题吗？${id}`);
  const reminder = autoRow(visitor, 'reminder');
  await expect(reminder).toContainText(/请问访客 \S+还在吗？/);
  await expect(autoLine(agent, 'reminder')).toBeVisible();
  await expect(autoRow(visitor, 'closing')).toContainText(`感谢您的咨询 ${id}`);
  await expect(panel.locator('.kf-system[data-code="closed"]')).toBeVisible();
  await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
  await expect(autoLine(agent, 'closing')).toBeVisible();
  // The reminder comes before the closing words.
  const [reminderSeq, closingSeq] = await Promise.all(
    [reminder, autoRow(visitor, 'closing')].map(async (l) => Number(await l.getAttribute('data-seq'))),
  );
  expect(reminderSeq).toBeLessThan(closingSeq!);

  // An agent's own close says the closing words too; a new chat greets again.
  await agentPane(agent).getByRole('button', { name: '移出列表' }).click();
  const again = `还有一个问题 ${id}`;
  await visitorSend(visitor, again);
  await expect(greeting).toHaveCount(2);
  await agentListItem(agent, again).click();
  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(autoRow(visitor, 'closing')).toHaveCount(2);
  await expect(widgetMessage(visitor, 'visitor', again)).toBeVisible();
});
