// The knowledge-base bot of the bot-first queue (retail, 个人业务): suggestions while typing,
// answers with ratings, clarify choices, unknown questions, handoff to agent1 with the whole bot
// transcript — to the 信用卡 queue for a credit-card question (the demo's handoff route), to
// 个人业务 otherwise — and the agent filing a customer's wording as a similar question.

import type { Page } from '@playwright/test';
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

const LOCKED = '信用卡被锁了怎么办？';
/** In the answer of LOCKED. */
const LOCKED_ANSWER = '卡片管理';
/** A question of category 个人业务, which has no handoff route, and words of its answer. */
const LIMIT = '转账限额是多少？';
const LIMIT_ANSWER = '单笔转账限额';
const QUEUED_RETAIL = '您已进入「个人业务」排队，客服将尽快为您服务，请稍候。';
// The demo routes the category 信用卡 to the queue 信用卡: the customer is told, then queued there.
const ROUTED = '已为您转接至「信用卡」，请稍候';
const QUEUED_CARDS = '您已进入「信用卡」排队，客服将尽快为您服务，请稍候。';
const ASSIGNED = '客服 王小明 已接入，很高兴为您服务。';

interface BotSettings {
  name: string;
  greeting: string;
  unknown_reply: string;
  offer_prompt: string;
  transfer_notice: string;
  clarify_prompt: string;
}

interface Entry {
  id: string;
  question: string;
  similar: string[];
  helpful: number;
  not_helpful: number;
}

/** The tenant's bot wording (GET /api/bot/settings), read with a signed-in agent's session. */
async function botSettings(agent: Page): Promise<BotSettings> {
  const res = await agent.request.get('/api/bot/settings');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { settings: BotSettings }).settings;
}

/** The knowledge-base entry whose standard question is `question`. */
async function entryByQuestion(agent: Page, question: string): Promise<Entry> {
  const res = await agent.request.get(`/api/kb/entries?${new URLSearchParams({ q: question, limit: '5' })}`);
  expect(res.status()).toBe(200);
  const { entries } = (await res.json()) as { entries: Entry[] };
  const entry = entries.find((e) => e.question === question);
  expect(entry, `entry "${question}"`).toBeDefined();
  return entry!;
}

test('bot journey: suggestions, answer and rating, unknown question, handoff to agent1 with the transcript', async ({
  newPage,
}) => {
  const id = uniq();
  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  const settings = await botSettings(agent);
  const helpfulBefore = (await entryByQuestion(agent, LOCKED)).helpful;

  // The bot greets the visitor of the bot-first queue.
  const visitor = await newPage();
  const panel = await openWidget(visitor, 'retail');
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText(`${settings.name}为您服务`);
  await expect(panel.getByTestId('kefu-greeting')).toContainText(settings.greeting);

  // Typing part of a question offers knowledge-base questions; picking one sends it.
  const input = panel.getByRole('textbox', { name: '消息内容' });
  await input.pressSequentially('信用卡');
  const suggestions = panel.getByRole('listbox', { name: '猜您想问' });
  await expect(suggestions).toBeVisible();
  // The wording about a locked card (the entry's question or one of its similar questions).
  const suggestion = suggestions.getByRole('option', { name: /锁/ }).first();
  const picked = (await suggestion.textContent()) ?? '';
  expect(picked).toContain('信用卡');
  await suggestion.click();
  await expect(input).toHaveValue('');
  await expect(suggestions).toBeHidden();
  await expect(widgetMessage(visitor, 'visitor', picked)).toBeVisible();

  // The bot answers, and the visitor rates the answer once.
  const answer = widgetMessage(visitor, 'bot', LOCKED_ANSWER);
  await expect(answer).toBeVisible();
  await expect(answer).toContainText(settings.name);
  const rating = answer.getByRole('group', { name: '这个回答对您有帮助吗？' });
  await rating.getByRole('button', { name: '有帮助' }).click();
  await expect(answer.getByText('感谢您的反馈！')).toBeVisible();
  await expect(answer.getByRole('button', { name: '有帮助' })).toHaveCount(0);
  await expect.poll(async () => (await entryByQuestion(agent, LOCKED)).helpful).toBe(helpfulBefore + 1);

  // After a reload the rating is remembered: no buttons again.
  await visitor.reload();
  await expect(widgetMessage(visitor, 'bot', LOCKED_ANSWER).getByText('感谢您的反馈！')).toBeVisible();
  await expect(widgetMessage(visitor, 'bot', LOCKED_ANSWER).getByRole('button', { name: '有帮助' })).toHaveCount(0);

  // A question the knowledge base does not know gets the unknown reply.
  const unknown = `请问你们食堂今天中午吃什么 ${id}`;
  await visitorSend(visitor, unknown);
  await expect(widgetMessage(visitor, 'visitor', unknown)).toBeVisible();
  await expect(widgetMessage(visitor, 'bot', settings.unknown_reply)).toBeVisible();

  // Asking for a person: the bot's transfer notice, the queue, then agent1.
  const request = `转人工 ${id}`;
  await visitorSend(visitor, request);
  // The unknown question did not change the topic: the credit-card question routes the handoff.
  await expect(widgetMessage(visitor, 'bot', settings.transfer_notice)).toBeVisible();
  await expect(panel.getByText(ROUTED)).toBeVisible();
  await expect(panel.getByText(QUEUED_CARDS)).toBeVisible();
  await expect(panel.getByText(ASSIGNED)).toBeVisible();
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText('客服 王小明 为您服务');
  await expect(panel.getByTestId('kefu-handoff')).toHaveCount(0);

  // agent1 gets it and sees the whole bot conversation, including why it was handed over.
  const item = agentListItem(agent, request);
  await expect(item).toBeVisible();
  await expect(item).toContainText('机器人转入');
  await item.click();
  await expect(agentMessage(agent, 'visitor', picked)).toBeVisible();
  await expect(agentMessage(agent, 'bot', LOCKED_ANSWER)).toBeVisible();
  await expect(agentMessage(agent, 'bot', LOCKED_ANSWER)).toContainText(`知识库答案：${LOCKED}`);
  await expect(agentMessage(agent, 'visitor', unknown)).toBeVisible();
  await expect(agentMessage(agent, 'bot', settings.unknown_reply)).toBeVisible();
  await expect(agentMessage(agent, 'visitor', request)).toBeVisible();
  const transfer = agentMessage(agent, 'bot', settings.transfer_notice);
  await expect(transfer).toContainText('转人工原因：客户要求转人工');
  // Why it came to the card queue.
  await expect(agentPane(agent).getByText('智能助手按「信用卡」类问题转入「信用卡」')).toBeVisible();

  // From here on it is a normal chat with a person.
  const reply = `您好，我是王小明，马上为您处理 ${id}`;
  await agentReply(agent, reply);
  await expect(widgetMessage(visitor, 'agent', reply)).toBeVisible();
  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();
  // The next conversation starts with the bot again.
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText(`${settings.name}为您服务`);
});

test('suggestions by keyboard: arrows choose, Enter sends, Escape hides the list only', async ({ newPage }) => {
  const visitor = await newPage();
  const panel = await openWidget(visitor, 'retail');
  const input = panel.getByRole('textbox', { name: '消息内容' });
  const suggestions = panel.getByRole('listbox', { name: '猜您想问' });

  await input.pressSequentially('转账');
  await expect(suggestions).toBeVisible();
  // Escape closes the list, not the chat panel.
  await input.press('Escape');
  await expect(suggestions).toBeHidden();
  await expect(widgetPanel(visitor)).toBeVisible();
  await expect(input).toHaveValue('转账');

  // Typing again brings the list back; Down selects the first option and Enter sends it.
  await input.pressSequentially('限额');
  await expect(suggestions).toBeVisible();
  const first = suggestions.getByRole('option').first();
  const question = (await first.textContent()) ?? '';
  expect(question).not.toBe('');
  await input.press('ArrowDown');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(suggestions).toBeHidden();
  await expect(widgetMessage(visitor, 'visitor', question)).toBeVisible();
  await expect(panel.locator('.kf-row[data-author="bot"][data-seq]')).toHaveCount(1);

  await panel.getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
});

test('clarify: the bot offers choices and a click asks the chosen question', async ({ newPage }) => {
  const visitor = await newPage();
  const panel = await openWidget(visitor, 'retail');
  // Close to two entries, certain of neither (checked against the demo knowledge base).
  const vague = '信用卡怎么办';
  await visitorSend(visitor, vague);
  // The demo's clarify prompt is the default 「您可能想问：」.
  const clarify = widgetMessage(visitor, 'bot', '您可能想问');
  const choices = clarify.getByRole('group', { name: '请选择您想问的问题' });
  await expect(choices).toBeVisible();
  await expect(choices.getByRole('button')).toHaveCount(2);
  await expect(choices.getByRole('button', { name: '信用卡怎么还款？' })).toBeVisible();

  await choices.getByRole('button', { name: LOCKED }).click();
  await expect(widgetMessage(visitor, 'visitor', LOCKED)).toBeVisible();
  await expect(widgetMessage(visitor, 'bot', LOCKED_ANSWER)).toBeVisible();

  await panel.getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
  // Choices of a closed conversation cannot be sent any more.
  await expect(choices.getByRole('button', { name: LOCKED })).toBeDisabled();
});

test('not helpful: the bot offers a person and its button hands over', async ({ newPage }) => {
  const id = uniq();
  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  const settings = await botSettings(agent);

  const visitor = await newPage();
  const panel = await openWidget(visitor, 'retail');
  await visitorSend(visitor, LOCKED);
  const answer = widgetMessage(visitor, 'bot', LOCKED_ANSWER);
  await answer.getByRole('button', { name: '没帮助' }).click();
  await expect(answer.getByText('感谢您的反馈！')).toBeVisible();

  // The bot offers a person; the visitor says one more thing, then takes the offer.
  const offer = widgetMessage(visitor, 'bot', settings.offer_prompt);
  await expect(offer).toBeVisible();
  const more = `我按步骤操作了还是不行 ${id}`;
  await visitorSend(visitor, more);
  await expect(widgetMessage(visitor, 'visitor', more)).toBeVisible();
  await expect(panel.getByTestId('kefu-handoff')).toBeEnabled();
  await offer.getByRole('button', { name: '转人工' }).click();
  await expect(widgetMessage(visitor, 'bot', settings.transfer_notice)).toBeVisible();
  await expect(panel.getByText(QUEUED_CARDS)).toBeVisible();
  await expect(offer.getByRole('button', { name: '转人工' })).toHaveCount(0);
  await expect(panel.getByText(ASSIGNED)).toBeVisible();

  const item = agentListItem(agent, more);
  await item.click();
  await expect(agentMessage(agent, 'bot', settings.offer_prompt)).toContainText('机器人建议转人工：客户认为回答没有帮助');
  await expect(agentMessage(agent, 'bot', settings.transfer_notice)).toContainText('转人工原因：客户点击了“转人工”');

  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();
});

test('the header button hands over while the bot serves, in the own queue for a topic without a route', async ({
  newPage,
}) => {
  const visitor = await newPage();
  const panel = await openWidget(visitor, 'retail');
  // No conversation yet: nothing to hand over.
  await expect(panel.getByTestId('kefu-handoff')).toHaveCount(0);
  await visitorSend(visitor, LIMIT);
  await expect(widgetMessage(visitor, 'bot', LIMIT_ANSWER)).toBeVisible();

  await panel.getByTestId('kefu-handoff').click();
  await expect(panel.getByText(QUEUED_RETAIL)).toBeVisible();
  await expect(panel.getByText(ROUTED)).toHaveCount(0);
  await expect(panel.getByTestId('kefu-handoff')).toHaveCount(0);
  // Waiting for a person, or already with one (agent1 may still be online from another test).
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText(/正在为您转接客服|客服 王小明 为您服务/);

  await panel.getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
});

test('agent adds a customer wording as a similar question of an entry', async ({ newPage }) => {
  const id = uniq();
  const wording = `卡被锁住刷不了了怎么弄 ${id}`;
  const visitor = await newPage();
  const panel = await openWidget(visitor); // human-first: straight to agent1
  await visitorSend(visitor, wording);

  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  await agentListItem(agent, id).click();
  const message = agentMessage(agent, 'visitor', wording);
  await message.getByRole('button', { name: '加为相似问题' }).click();

  const dialog = agent.getByRole('dialog', { name: '加为相似问题' });
  await expect(dialog).toBeVisible();
  const search = dialog.getByRole('searchbox', { name: '搜索知识库条目' });
  await expect(search).toHaveValue(wording);
  await search.fill('信用卡被锁');
  const target = dialog.getByRole('button', { name: LOCKED });
  await target.click();
  await expect(dialog.getByRole('status')).toHaveText(`已添加为「${LOCKED}」的相似问题。`);

  // The entry now holds the wording; adding it again is refused as a duplicate.
  expect((await entryByQuestion(agent, LOCKED)).similar).toContain(wording);
  await target.click();
  await expect(dialog.getByRole('status')).toHaveText(`「${LOCKED}」已经有这个相似问题了。`);

  await dialog.getByRole('button', { name: '关闭' }).first().click();
  await expect(dialog).toBeHidden();
  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('客服已结束本次对话，感谢您的咨询。')).toBeVisible();
});
