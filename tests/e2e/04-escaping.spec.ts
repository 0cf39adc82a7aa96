// Text that looks like HTML is shown literally on both sides and never runs.

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

const PAYLOAD = '<img src=x onerror=alert(1)>';

test('HTML in messages is displayed as text on both sides', async ({ newPage }) => {
  const dialogs: string[] = [];
  const id = uniq();
  const fromVisitor = `${PAYLOAD} 访客 ${id}`;
  const fromAgent = `<b>粗体</b><script>alert(2)</script>${PAYLOAD} 座席 ${id}`;

  const visitor = await newPage();
  visitor.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openWidget(visitor);
  await visitorSend(visitor, fromVisitor);
  await expect(widgetMessage(visitor, 'visitor', fromVisitor)).toBeVisible();

  const agent = await newPage();
  agent.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await agentLogin(agent, 'agent1@demo.kefu');
  const item = agentListItem(agent, id);
  await expect(item).toBeVisible();
  await expect(item).toContainText(fromVisitor); // the preview is text too
  await item.click();

  const seenByAgent = agentMessage(agent, 'visitor', id);
  await expect(seenByAgent).toBeVisible();
  await expect(seenByAgent.locator('.ws-bubble')).toHaveText(fromVisitor);
  await agentReply(agent, fromAgent);
  await expect(agentMessage(agent, 'agent', id).locator('.ws-bubble')).toHaveText(fromAgent);

  const seenByVisitor = widgetMessage(visitor, 'agent', id);
  await expect(seenByVisitor.locator('.kf-bubble')).toHaveText(fromAgent);
  await expect(widgetMessage(visitor, 'visitor', id).locator('.kf-bubble')).toHaveText(fromVisitor);

  // No element was created from the text, and nothing ran.
  await expect(widgetPanel(visitor).locator('img, b, script')).toHaveCount(0);
  await expect(agentPane(agent).locator('img, b, script')).toHaveCount(0);
  await expect(agent.locator('.ws-list img, .ws-list b')).toHaveCount(0);
  expect(dialogs).toEqual([]);

  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(widgetPanel(visitor).getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();
});
