// The main journey: a visitor asks, an agent answers, history survives a reload, the agent closes.

import {
  agentListItem,
  agentLogin,
  agentMessage,
  agentPane,
  agentReply,
  expect,
  openWidget,
  test,
  visitorSend,
  widgetMessage,
  widgetPanel,
} from './fixtures';

const QUESTION = '你好，我的信用卡被锁了';
const ANSWER = '您好，我来帮您处理';
const QUEUED = '您已进入「信用卡」排队，客服将尽快为您服务，请稍候。';
const ASSIGNED = '客服 王小明 已接入，很高兴为您服务。';

test('visitor and agent chat, history survives a reload, agent closes', async ({ newPage }) => {
  // The visitor starts a conversation from the demo bank page.
  const visitor = await newPage();
  const panel = await openWidget(visitor);
  await visitorSend(visitor, QUESTION);
  await expect(widgetMessage(visitor, 'visitor', QUESTION)).toBeVisible();
  await expect(panel.getByText(QUEUED)).toBeVisible();

  // Agent 1 signs in (online by default) and finds it, unread.
  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  const item = agentListItem(agent, QUESTION);
  await expect(item).toBeVisible();
  await expect(item.getByTestId('unread-badge')).toHaveText('1');

  // Opening it shows the message and clears the badge; the agent replies.
  await item.click();
  await expect(agentMessage(agent, 'visitor', QUESTION)).toBeVisible();
  await expect(item.getByTestId('unread-badge')).toHaveCount(0);
  await agentReply(agent, ANSWER);
  await expect(agentMessage(agent, 'agent', ANSWER)).toBeVisible();

  // The visitor sees the reply and who is answering.
  await expect(widgetMessage(visitor, 'agent', ANSWER)).toBeVisible();
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText('客服 王小明 为您服务');
  await expect(panel.getByText(ASSIGNED)).toBeVisible();

  // After a reload (cached history + resume) everything is there exactly once.
  await visitor.reload();
  await expectFullHistory(visitor);

  // Without the cached history the server replays it from seq 1.
  await visitor.evaluate(() => localStorage.removeItem('kefu.widget.demo-bank.history'));
  await visitor.reload();
  await expectFullHistory(visitor);

  // The agent ends the conversation; both sides see it closed.
  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
  await expect(widgetPanel(visitor).getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();
  await expect(widgetPanel(visitor).getByTestId('kefu-subtitle')).toHaveText('本次对话已结束');
});

async function expectFullHistory(visitor: import('@playwright/test').Page): Promise<void> {
  const panel = widgetPanel(visitor);
  await expect(panel).toBeVisible(); // the panel stays open across reloads
  await expect(widgetMessage(visitor, 'visitor', QUESTION)).toHaveCount(1);
  await expect(widgetMessage(visitor, 'agent', ANSWER)).toHaveCount(1);
  await expect(panel.getByText(QUEUED)).toHaveCount(1);
  await expect(panel.getByText(ASSIGNED)).toHaveCount(1);
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText('客服 王小明 为您服务');
}
