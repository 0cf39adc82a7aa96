// Queueing and routing as the customer sees it (docs/routing.md): the place in line, priority of a
// verified VIP, the wait notice, leaving the queue, a full queue with a left message, and business
// hours. Each test makes its own queue through the REST API as the administrator and gives the
// agents back their queues and capacity at the end, so other specs are unaffected.

import type { Locator, Page } from '@playwright/test';
import {
  agentListItem,
  agentLogin,
  expect,
  test,
  uniq,
  visitorSend,
  widgetMessage,
} from './fixtures';
import { adminSession, call, openWidgetAt, signIdentity, type Admin } from './staff';

/** The wait notice, after 2 s instead of the default 60 s (queue configuration). */
const NOTICE = '目前咨询客户较多，请您耐心等待，我们会尽快为您服务。';

interface Queue {
  id: string;
  slug: string;
  name: string;
}

interface User {
  id: string;
  email: string;
  name: string;
  capacity: number;
  queues?: string[];
}

async function createQueue(admin: Admin, fields: Record<string, unknown>): Promise<Queue> {
  return (await call<{ queue: Queue }>(admin, 'POST', '/api/queues', { bot_first: false, ...fields })).queue;
}

async function usersByEmail(admin: Admin): Promise<Map<string, User>> {
  const { users } = await call<{ users: User[] }>(admin, 'GET', '/api/users');
  return new Map(users.map((u) => [u.email, u]));
}

/**
 * Make the agents serve only `queue` with room for exactly one more conversation each (their
 * load from earlier specs included), so nothing else waiting in the demo queues can take their
 * turn. Returns a function that gives them back their queues and capacity.
 */
async function dedicate(admin: Admin, emails: string[], queue: Queue): Promise<() => Promise<void>> {
  const users = await usersByEmail(admin);
  // Live loads are on the supervisors' board (the users list is the stored accounts).
  const board = await call<{ agents: { id: string; load: number }[] }>(admin, 'GET', '/api/board');
  const saved: User[] = [];
  for (const email of emails) {
    const user = users.get(email);
    expect(user, email).toBeDefined();
    // Without the memberships we could not give them back.
    expect(user!.queues, `${email} queues`).toBeDefined();
    saved.push(user!);
    const load = board.agents.find((a) => a.id === user!.id)?.load ?? 0;
    await call(admin, 'PATCH', `/api/users/${user!.id}`, { capacity: load + 1, queues: [queue.id] });
  }
  return async () => {
    for (const user of saved) {
      await call(admin, 'PATCH', `/api/users/${user.id}`, { capacity: user.capacity, queues: user.queues ?? [] });
    }
  };
}

/** The visitor's place in line (a live region). */
function queueStatus(panel: Locator): Locator {
  return panel.getByRole('status', { name: '排队情况' });
}

async function setAgentStatus(page: Page, label: '在线' | '离开'): Promise<void> {
  const radio = page.getByRole('radio', { name: label });
  await radio.click();
  await expect(radio).toHaveAttribute('aria-checked', 'true');
}

function queuedText(queue: Queue): string {
  return `您已进入「${queue.name}」排队，客服将尽快为您服务，请稍候。`;
}

test('a verified VIP is served first; the waiting visitor sees their place and the wait notice', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  const queue = await createQueue(admin, {
    slug: `vip-${id}`,
    name: `贵宾测试${id}`,
    priority_rules: [{ tag: 'vip', priority: 8 }],
    notices: [{ after_s: 2, text: NOTICE }],
  });
  const restore = await dedicate(admin, ['agent1@demo.kefu', 'agent2@demo.kefu'], queue);
  const agents: Page[] = [];
  try {
    const { secret } = await call<{ secret: string }>(admin, 'GET', '/api/settings/identity');
    const token = signIdentity(secret, {
      user_id: `vip-${id}`,
      name: '贵宾张先生',
      tags: ['vip'],
      exp: Math.floor(Date.now() / 1000) + 3600,
    });

    // Both agents are signed in but away: nobody is served yet.
    const agent1 = await newPage();
    const agent2 = await newPage();
    agents.push(agent1, agent2);
    await agentLogin(agent1, 'agent1@demo.kefu');
    await setAgentStatus(agent1, '离开');
    await agentLogin(agent2, 'agent2@demo.kefu');
    await setAgentStatus(agent2, '离开');

    // A normal visitor queues first and is next in line.
    const normal = await newPage();
    const normalPanel = await openWidgetAt(normal, `queue=${queue.slug}`);
    const normalText = `普通客户的问题 ${id}`;
    await visitorSend(normal, normalText);
    await expect(widgetMessage(normal, 'visitor', normalText)).toBeVisible();
    await expect(normalPanel.getByText(queuedText(queue))).toBeVisible();
    const normalStatus = queueStatus(normalPanel);
    await expect(normalStatus).toHaveAttribute('data-position', '1');
    await expect(normalStatus).toContainText('下一位就是您');

    // The VIP (verified identity with the tag vip) comes later and goes ahead.
    const vip = await newPage();
    const vipPanel = await openWidgetAt(vip, `queue=${queue.slug}&identity=${token}`);
    const vipText = `贵宾客户的问题 ${id}`;
    await visitorSend(vip, vipText);
    await expect(widgetMessage(vip, 'visitor', vipText)).toBeVisible();
    await expect(queueStatus(vipPanel)).toHaveAttribute('data-position', '1');
    await expect(queueStatus(vipPanel)).toContainText('下一位就是您');
    await expect(normalStatus).toHaveAttribute('data-position', '2');
    await expect(normalStatus).toHaveAttribute('data-waiting', '2');
    await expect(normalStatus).toContainText('您前面还有 1 位客户');

    // The queue's notice reaches the waiting visitor (after 2 s here), as a line in the chat.
    await expect(normalPanel.locator('.kf-system[data-code="notice"]').filter({ hasText: NOTICE })).toBeVisible();

    // agent1 comes online and gets the VIP, not the visitor who waited longer.
    await setAgentStatus(agent1, '在线');
    await expect(vipPanel.getByText('客服 王小明 已接入，很高兴为您服务。')).toBeVisible();
    await expect(queueStatus(vipPanel)).toHaveCount(0);
    await expect(vipPanel.getByRole('button', { name: '退出排队' })).toHaveCount(0);
    await expect(agentListItem(agent1, vipText)).toBeVisible();
    await expect(agentListItem(agent1, vipText)).toContainText('贵宾张先生');
    await expect(agentListItem(agent1, normalText)).toHaveCount(0);
    // agent1 is full: the normal visitor is next again.
    await expect(normalStatus).toHaveAttribute('data-position', '1');
    await expect(normalStatus).toContainText('下一位就是您');

    // agent2 comes online and serves the normal visitor.
    await setAgentStatus(agent2, '在线');
    await expect(normalPanel.getByText('客服 李娜 已接入，很高兴为您服务。')).toBeVisible();
    await expect(queueStatus(normalPanel)).toHaveCount(0);
    await expect(agentListItem(agent2, normalText)).toBeVisible();

    for (const panel of [vipPanel, normalPanel]) {
      await panel.getByRole('button', { name: '结束对话' }).click();
      await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
    }
  } finally {
    // Later specs expect the agents online in their usual queues.
    for (const agent of agents) {
      if (!agent.isClosed()) await agent.getByRole('radio', { name: '在线' }).click().catch(() => undefined);
    }
    await restore();
    await admin.api.dispose();
  }
});

test('leaving the queue asks first, then ends the conversation', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  // No agent serves this queue: the visitor waits.
  const queue = await createQueue(admin, { slug: `wait-${id}`, name: `等候测试${id}` });
  await admin.api.dispose();

  const visitor = await newPage();
  const panel = await openWidgetAt(visitor, `queue=${queue.slug}`);
  await visitorSend(visitor, `我想咨询一下 ${id}`);
  await expect(panel.getByText(queuedText(queue))).toBeVisible();
  await expect(queueStatus(panel)).toHaveAttribute('data-position', '1');

  // Changing one's mind keeps the place.
  await panel.getByRole('button', { name: '退出排队' }).click();
  const confirm = panel.getByRole('group', { name: /确定要退出排队吗/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: '继续等待' })).toBeFocused();
  await confirm.getByRole('button', { name: '继续等待' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(panel.getByRole('button', { name: '退出排队' })).toBeFocused();
  await expect(queueStatus(panel)).toHaveAttribute('data-position', '1');

  await panel.getByRole('button', { name: '退出排队' }).click();
  await panel.getByRole('button', { name: '确定退出' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
  await expect(queueStatus(panel)).toHaveCount(0);
  await expect(panel.getByRole('button', { name: '退出排队' })).toHaveCount(0);
  await expect(panel.getByTestId('kefu-subtitle')).toHaveText('本次对话已结束');
});

test('a full queue refuses a new chat and the visitor leaves a message instead', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  try {
    const queue = await createQueue(admin, { slug: `full-${id}`, name: `满员测试${id}`, max_waiting: 1 });

    // One visitor waits (nobody serves this queue): the queue is full.
    const first = await newPage();
    const firstPanel = await openWidgetAt(first, `queue=${queue.slug}`);
    await visitorSend(first, `第一位客户 ${id}`);
    await expect(firstPanel.getByText(queuedText(queue))).toBeVisible();

    // The next one is refused with the server's reason and offered to leave a message.
    const second = await newPage();
    const panel = await openWidgetAt(second, `queue=${queue.slug}`);
    const question = `我的信用卡账单有疑问 ${id}`;
    // Not visitorSend: the refusal may replace the composer before its text is seen cleared.
    const input = panel.getByRole('textbox', { name: '消息内容' });
    await input.fill(question);
    await input.press('Enter');
    const leave = panel.getByTestId('kefu-leave');
    await expect(leave).toHaveAttribute('data-reason', 'queue_full');
    await expect(leave.getByRole('alert')).toContainText('当前咨询人数较多，暂时无法为您接入');
    await expect(panel.getByRole('textbox', { name: '消息内容' })).toHaveCount(0);
    await expect(widgetMessage(second, 'visitor', question)).toHaveCount(0);

    await leave.getByRole('button', { name: '留言', exact: true }).click();
    const form = panel.getByRole('form', { name: '给我们留言' });
    // What the visitor tried to send starts the message.
    await expect(form.getByLabel('留言内容')).toHaveValue(question);
    await expect(form.getByLabel('联系方式')).toBeFocused();

    // Contact details are required.
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect(form.getByText('请填写联系方式。')).toBeVisible();
    await expect(form.getByLabel('联系方式')).toHaveAttribute('aria-invalid', 'true');

    const contact = '13800138000';
    await form.getByLabel('称呼（选填）').fill('刘女士');
    await form.getByLabel('联系方式').fill(contact);
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect(leave.getByRole('status')).toHaveText('留言已提交，我们会尽快联系您');
    await expect(form).toHaveCount(0);

    // The team finds it.
    const { messages } = await call<{
      messages: { queue: { id: string; name: string } | null; name: string; contact: string; text: string }[];
    }>(admin, 'GET', '/api/left-messages?limit=20');
    const stored = messages.find((m) => m.text === question);
    expect(stored, 'left message').toBeDefined();
    expect(stored!.contact).toBe(contact);
    expect(stored!.name).toBe('刘女士');
    expect(stored!.queue?.id).toBe(queue.id);

    // Back to the chat; the first visitor leaves the queue.
    await leave.getByRole('button', { name: '返回对话' }).click();
    await expect(panel.getByRole('textbox', { name: '消息内容' })).toBeVisible();
    await firstPanel.getByRole('button', { name: '退出排队' }).click();
    await firstPanel.getByRole('button', { name: '确定退出' }).click();
    await expect(firstPanel.getByText('您已结束本次对话。')).toBeVisible();
  } finally {
    await admin.api.dispose();
  }
});

test('when the bot cannot hand over to a full queue, the visitor can leave a message', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  try {
    const queue = await createQueue(admin, {
      slug: `botfull-${id}`,
      name: `机器人满员${id}`,
      bot_first: true,
      max_waiting: 1,
    });

    // The first visitor asks for a person and waits (nobody serves this queue): it is full.
    const first = await newPage();
    const firstPanel = await openWidgetAt(first, `queue=${queue.slug}`);
    await visitorSend(first, `转人工 ${id}`);
    await expect(firstPanel.getByText(queuedText(queue))).toBeVisible();

    // The second one's request cannot be met: the bot keeps the chat and says why, and the
    // widget offers to leave a message right there.
    const second = await newPage();
    const panel = await openWidgetAt(second, `queue=${queue.slug}`);
    await visitorSend(second, `我要转人工 ${id}`);
    const notice = panel.locator('.kf-system[data-code="notice"]');
    await expect(notice).toBeVisible();
    await expect(panel.getByTestId('kefu-subtitle')).toContainText('为您服务');
    await notice.getByRole('button', { name: '留言' }).click();
    const form = panel.getByRole('form', { name: '给我们留言' });
    const text = `请客服回电 ${id}`;
    await form.getByLabel('联系方式').fill('13900139000');
    await form.getByLabel('留言内容').fill(text);
    await form.getByRole('button', { name: '提交留言' }).click();
    const leave = panel.getByTestId('kefu-leave');
    await expect(leave.getByRole('status')).toHaveText('留言已提交，我们会尽快联系您');
    await leave.getByRole('button', { name: '返回对话' }).click();
    await expect(panel.getByRole('textbox', { name: '消息内容' })).toBeVisible();

    const { messages } = await call<{ messages: { text: string; queue: { id: string } | null }[] }>(
      admin,
      'GET',
      '/api/left-messages?limit=20',
    );
    expect(messages.find((m) => m.text === text)?.queue?.id).toBe(queue.id);

    for (const p of [firstPanel, panel]) {
      await p.getByRole('button', { name: '结束对话' }).click();
      await expect(p.getByText('您已结束本次对话。')).toBeVisible();
    }
  } finally {
    await admin.api.dispose();
  }
});

test('outside business hours the widget says when it opens and takes a message', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  // Open every day, except today and the next two days (holidays in the queue's time zone).
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));
  const queue = await createQueue(admin, {
    slug: `hours-${id}`,
    name: `营业时间测试${id}`,
    hours: {
      time_zone: 'Asia/Shanghai',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, open: '09:00', close: '18:00' })),
      holidays: [day(0), day(1), day(2)],
    },
  });
  try {
    const visitor = await newPage();
    const panel = await openWidgetAt(visitor, `queue=${queue.slug}`);
    await expect(panel.getByTestId('kefu-subtitle')).toHaveText('当前为非工作时间');
    const leave = panel.getByTestId('kefu-leave');
    await expect(leave).toHaveAttribute('data-reason', 'hours');
    await expect(leave.getByRole('heading', { name: '当前为非工作时间' })).toBeVisible();
    await expect(leave.getByTestId('kefu-opens-at')).toContainText('恢复服务');
    // No chat to start: the form is there instead of the composer.
    await expect(panel.getByRole('textbox', { name: '消息内容' })).toHaveCount(0);

    const text = `下班后的留言 ${id}`;
    const form = panel.getByRole('form', { name: '给我们留言' });
    await form.getByLabel('联系方式').fill('liu@example.com');
    await form.getByLabel('留言内容').fill(text);
    await form.getByRole('button', { name: '提交留言' }).click();
    await expect(leave.getByRole('status')).toHaveText('留言已提交，我们会尽快联系您');

    const { messages } = await call<{ messages: { text: string; contact: string }[] }>(
      admin,
      'GET',
      '/api/left-messages?limit=20',
    );
    expect(messages.find((m) => m.text === text)?.contact).toBe('liu@example.com');
  } finally {
    await admin.api.dispose();
  }
});

test('a bad identity token is ignored: the visitor chats on anonymously', async ({ newPage }) => {
  const id = uniq();
  const visitor = await newPage();
  const warnings: string[] = [];
  visitor.on('console', (msg) => {
    if (msg.type() === 'warning' || msg.type() === 'error') warnings.push(msg.text());
  });
  const forged = `${Buffer.from(JSON.stringify({ user_id: 'x', name: '冒充', tags: ['vip'], exp: 9999999999 })).toString('base64url')}.${'0'.repeat(64)}`;
  const panel = await openWidgetAt(visitor, `queue=cards&identity=${forged}`);
  const text = `匿名继续聊天 ${id}`;
  await visitorSend(visitor, text);
  await expect(widgetMessage(visitor, 'visitor', text)).toBeVisible();
  await expect(panel.getByText('您已进入「信用卡」排队，客服将尽快为您服务，请稍候。')).toBeVisible();
  // Nothing of the token is logged.
  expect(warnings.filter((w) => w.includes(forged.slice(0, 20)))).toEqual([]);

  await panel.getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
});

test('self-service while waiting: suggestions and a confident answer, the place in line kept, the agent sees both', async ({
  newPage,
  playwright,
  baseURL,
}) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  // Nobody serves this human-first queue yet: the visitor waits.
  const queue = await createQueue(admin, { slug: `self-${id}`, name: `自助测试${id}` });
  let restore: (() => Promise<void>) | null = null;
  try {
    const visitor = await newPage();
    const panel = await openWidgetAt(visitor, `queue=${queue.slug}`);
    const first = `我想问一下转账的事 ${id}`;
    await visitorSend(visitor, first);
    await expect(panel.getByText(queuedText(queue))).toBeVisible();
    await expect(queueStatus(panel)).toHaveAttribute('data-position', '1');
    await expect(panel.getByTestId('kefu-self-service')).toContainText('等待期间，您可以直接输入问题');

    // Typing while waiting offers knowledge-base questions; picking one asks it.
    const input = panel.getByRole('textbox', { name: '消息内容' });
    await input.pressSequentially('转账');
    const suggestions = panel.getByRole('listbox', { name: '猜您想问' });
    await expect(suggestions).toBeVisible();
    await suggestions.getByRole('option', { name: '转账限额是多少？' }).click();
    await expect(widgetMessage(visitor, 'visitor', '转账限额是多少？')).toBeVisible();

    // The bot answers beside the queue: marked as self-service, and the visitor still waits.
    const answer = widgetMessage(visitor, 'bot', '单笔转账限额默认 5 万元');
    await expect(answer).toBeVisible();
    await expect(answer).toHaveAttribute('data-self-service', 'true');
    await expect(answer).toContainText('以上为自助解答，人工客服接入后会继续为您服务。');
    await expect(queueStatus(panel)).toHaveAttribute('data-position', '1');
    await expect(panel.getByRole('button', { name: '退出排队' })).toBeVisible();

    // A question the knowledge base cannot answer confidently gets no bot reply while waiting.
    const vague = `还有一个别的情况想当面说 ${id}`;
    await visitorSend(visitor, vague);
    await expect(widgetMessage(visitor, 'visitor', vague)).toBeVisible();
    await expect(panel.locator('[data-author="bot"]')).toHaveCount(1);

    // An agent takes the conversation and reads everything, the self-service answer labelled.
    const agent = await newPage();
    await agentLogin(agent, 'agent1@demo.kefu');
    await setAgentStatus(agent, '在线');
    restore = await dedicate(admin, ['agent1@demo.kefu'], queue);
    await expect(panel.getByText('客服 王小明 已接入，很高兴为您服务。')).toBeVisible();
    await expect(queueStatus(panel)).toHaveCount(0);
    await agentListItem(agent, vague).click();
    const bot = agent.locator('[data-author="bot"]').filter({ hasText: '单笔转账限额默认 5 万元' });
    await expect(bot).toBeVisible();
    await expect(bot).toContainText('排队时的自助解答：转账限额是多少？');
    await expect(agent.getByText(first)).toBeVisible();

    await panel.getByRole('button', { name: '结束对话' }).click();
    await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
  } finally {
    if (restore) await restore();
    await admin.api.dispose();
  }
});
