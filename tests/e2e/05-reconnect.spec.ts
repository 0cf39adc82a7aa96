// A visitor who drops offline and comes back gets every message exactly once,
// and what they sent while offline is delivered once.

import {
  agentListItem,
  agentLogin,
  agentMessage,
  agentPane,
  agentReply,
  expect,
  openWidget,
  test,
  uniq,
  visitorSend,
  widgetMessage,
  widgetPanel,
} from './fixtures';

test('visitor offline and back: every message exactly once', async ({ newPage }) => {
  const id = uniq();
  const visitor = await newPage();
  const panel = await openWidget(visitor);
  await visitorSend(visitor, `断线测试 ${id}`);

  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  const item = agentListItem(agent, id);
  await item.click();
  await agentReply(agent, `在线回复 ${id}`);
  await expect(widgetMessage(visitor, 'agent', `在线回复 ${id}`)).toBeVisible();

  // The visitor's network goes away.
  await visitor.context().setOffline(true);
  await expect(panel.getByTestId('kefu-offline')).toBeVisible();

  // Meanwhile the agent keeps writing (each acknowledged by the server)…
  const whileOffline = [1, 2, 3].map((n) => `离线期间第${n}条 ${id}`);
  for (const text of whileOffline) {
    await agentReply(agent, text);
    await expect(agentMessage(agent, 'agent', text)).toBeVisible();
  }
  // …and the visitor writes too: it stays pending.
  const visitorOffline = `访客离线时发送 ${id}`;
  await visitorSend(visitor, visitorOffline);
  await expect(panel.locator('.kf-row[data-pending="true"]').filter({ hasText: visitorOffline })).toBeVisible();

  // Back online: the widget reconnects, resumes and re-sends.
  await visitor.context().setOffline(false);
  await expect(panel.getByTestId('kefu-offline')).toBeHidden({ timeout: 20_000 });

  for (const text of whileOffline) {
    await expect(widgetMessage(visitor, 'agent', text)).toHaveCount(1);
  }
  await expect(widgetMessage(visitor, 'agent', `在线回复 ${id}`)).toHaveCount(1);
  await expect(widgetMessage(visitor, 'visitor', visitorOffline)).toHaveCount(1);
  await expect(panel.locator('.kf-row[data-pending="true"]')).toHaveCount(0);
  await expect(agentMessage(agent, 'visitor', visitorOffline)).toHaveCount(1);

  // No seq is rendered twice.
  const seqs = await widgetPanel(visitor)
    .locator('[data-conversation] .kf-row[data-seq]')
    .evaluateAll((rows) => rows.map((r) => `${r.closest('[data-conversation]')!.getAttribute('data-conversation')}:${r.getAttribute('data-seq')}`));
  expect(new Set(seqs).size).toBe(seqs.length);

  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();
});
