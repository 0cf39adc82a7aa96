// Queueing and routing in the workspace: an agent transfers a chat with a note, a supervisor
// watches the live board, changes an agent's state and reassigns a chat, an administrator edits
// a queue's routing. Each test puts back what it changed (statuses, queue configuration) and
// closes the chats it started.

import type { Locator, Page } from '@playwright/test';
import {
  agentListItem,
  agentLogin,
  agentMessage,
  agentPane,
  agentReply,
  boardAgentRow,
  boardQueueRow,
  closeAllChats,
  expect,
  openBoard,
  openWidget,
  test,
  transferDialog,
  transferTo,
  uniq,
  visitorSend,
  widgetMessage,
  widgetPanel,
  workspaceNav,
} from './fixtures';

/** The `transferred` line in the agent's open conversation. */
function transferLine(page: Page): Locator {
  return agentPane(page).locator('.ws-system[data-code="transferred"]');
}

/** The visitor's display name on the agent's list entry for `text`. */
async function visitorNameOf(agent: Page, text: string): Promise<string> {
  return (await agentListItem(agent, text).locator('.ws-item-name').innerText()).trim();
}

async function closeOpenChat(agent: Page): Promise<void> {
  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
}

test('an agent transfers a chat to a colleague with a note', async ({ newPage }) => {
  const id = uniq();
  const question = `我想提高信用卡额度 ${id}`;
  const note = `客户要求提额，身份已核实 ${id}`;

  // Only agent 1 is available when the visitor writes, so the chat is theirs.
  const agent1 = await newPage();
  await agentLogin(agent1, 'agent1@demo.kefu');
  await closeAllChats(agent1);
  const visitor = await newPage();
  await openWidget(visitor, 'cards');
  await visitorSend(visitor, question);
  const item = agentListItem(agent1, question);
  await expect(item).toBeVisible();
  const visitorName = await visitorNameOf(agent1, question);
  await item.click();
  await agentReply(agent1, `您好，我为您转接额度专员 ${id}`);

  const agent2 = await newPage();
  await agentLogin(agent2, 'agent2@demo.kefu');
  await closeAllChats(agent2);

  // The dialog lists colleagues with their state and load, and the queues with their waiting.
  await agentPane(agent1).getByRole('button', { name: '转接' }).click();
  const dialog = transferDialog(agent1);
  await expect(dialog.getByRole('group', { name: '转给坐席' })).toBeVisible();
  const li = dialog.getByRole('radio', { name: /^李娜/ });
  await expect(li).toBeEnabled();
  await expect(dialog.getByRole('group', { name: /转入队列/ }).getByRole('radio', { name: /^信用卡/ })).toBeVisible();
  // Nothing chosen yet: the transfer button waits for a target.
  await expect(dialog.getByRole('button', { name: '转接', exact: true })).toBeDisabled();
  await transferTo(agent1, '李娜', note);

  // The chat leaves agent 1's list.
  await expect(agentListItem(agent1, visitorName)).toHaveCount(0);
  await expect(agent1.getByRole('status').filter({ hasText: '对话已转接给 李娜' })).toBeVisible();

  // Agent 2 has it, with the whole history, who handed it over and the note.
  const item2 = agentListItem(agent2, visitorName);
  await expect(item2).toBeVisible();
  await item2.click();
  await expect(agentMessage(agent2, 'visitor', question)).toBeVisible();
  await expect(agentMessage(agent2, 'agent', `您好，我为您转接额度专员 ${id}`)).toBeVisible();
  await expect(transferLine(agent2)).toContainText('已转接给 李娜');
  await expect(transferLine(agent2)).toContainText('由 王小明 转出');
  await expect(transferLine(agent2)).toHaveAttribute('data-by', 'agent');
  await expect(agentPane(agent2).getByText(`转接备注：${note}`)).toBeVisible();

  // The visitor sees the transfer and the new agent's answer.
  await expect(widgetPanel(visitor).locator('.kf-system[data-code="transferred"]')).toContainText('李娜');
  await agentReply(agent2, `您好，我是李娜，马上为您办理 ${id}`);
  await expect(widgetMessage(visitor, 'agent', `您好，我是李娜，马上为您办理 ${id}`)).toBeVisible();

  await closeOpenChat(agent2);
});

test('a supervisor watches the board and sets an agent away and back', async ({ newPage }) => {
  const id = uniq();
  const question = `信用卡年费可以减免吗 ${id}`;

  const agent1 = await newPage();
  await agentLogin(agent1, 'agent1@demo.kefu');
  await closeAllChats(agent1);
  const visitor = await newPage();
  await openWidget(visitor, 'cards');
  await visitorSend(visitor, question);
  await expect(agentListItem(agent1, question)).toBeVisible();

  const agent2 = await newPage();
  await agentLogin(agent2, 'agent2@demo.kefu');
  await closeAllChats(agent2);

  // Agents have no board; supervisors have no routing administration.
  await expect(workspaceNav(agent1)).toHaveCount(0);
  const supervisor = await newPage();
  await agentLogin(supervisor, 'supervisor@demo.kefu');
  await expect(workspaceNav(supervisor).getByRole('link', { name: '路由设置' })).toHaveCount(0);
  await openBoard(supervisor);

  // The cards queue with its figures, the agents with their states and loads.
  const cards = boardQueueRow(supervisor, '信用卡');
  await expect(cards).toBeVisible();
  await expect(cards.getByTestId('board-waiting')).toHaveText(/^\d+$/);
  await expect(cards.getByTestId('board-available')).toHaveText(/^\d+$/);
  await expect(cards.getByTestId('board-sl')).toContainText('目标 30 秒');
  const wang = boardAgentRow(supervisor, '王小明');
  await expect(wang).toHaveAttribute('data-state', 'online');
  await expect(wang).toContainText('1/5');
  const li = boardAgentRow(supervisor, '李娜');
  await expect(li).toHaveAttribute('data-state', 'online');
  await expect(li.getByRole('cell').first()).toHaveText('在线');
  await expect(li).toContainText('0/5');

  // Set agent 2 away from the board: their workspace follows, and so does the board.
  const liState = li.getByRole('combobox', { name: '设置「李娜」的状态' });
  await liState.selectOption({ label: '离开' });
  await expect(agent2.getByRole('radio', { name: '离开' })).toHaveAttribute('aria-checked', 'true');
  await expect(li).toHaveAttribute('data-state', 'away');
  await expect(li.getByRole('cell').first()).toHaveText('离开');
  await expect(supervisor.getByRole('status').filter({ hasText: '已将「李娜」设为离开。' })).toBeVisible();

  // And back online, as the other tests expect.
  await liState.selectOption({ label: '在线' });
  await expect(agent2.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
  await expect(li).toHaveAttribute('data-state', 'online');

  // The left messages are a tab of the board.
  await supervisor.getByRole('navigation', { name: '监控台功能' }).getByRole('link', { name: '客户留言' }).click();
  await expect(supervisor.getByRole('heading', { name: '客户留言', level: 2 })).toBeVisible();
  await expect(supervisor.getByRole('alert')).toHaveCount(0);

  await agentListItem(agent1, question).click();
  await closeOpenChat(agent1);
});

test('a supervisor reassigns an agent’s chat from the board', async ({ newPage }) => {
  const id = uniq();
  const question = `信用卡分期手续费多少 ${id}`;
  const note = `主管改派：请李娜跟进 ${id}`;

  const agent1 = await newPage();
  await agentLogin(agent1, 'agent1@demo.kefu');
  await closeAllChats(agent1);
  const visitor = await newPage();
  await openWidget(visitor, 'cards');
  await visitorSend(visitor, question);
  await expect(agentListItem(agent1, question)).toBeVisible();
  const visitorName = await visitorNameOf(agent1, question);

  const agent2 = await newPage();
  await agentLogin(agent2, 'agent2@demo.kefu');
  await closeAllChats(agent2);

  const supervisor = await newPage();
  await agentLogin(supervisor, 'supervisor@demo.kefu');
  await openBoard(supervisor);

  // Agent 1's chats, with the transcript, and the transfer dialog for one of them.
  await boardAgentRow(supervisor, '王小明').getByRole('button', { name: '查看「王小明」的对话' }).click();
  const chats = supervisor.getByRole('dialog', { name: '「王小明」的对话' });
  const chat = chats.getByRole('listitem').filter({ hasText: visitorName });
  await expect(chat).toBeVisible();
  await chat.getByRole('button', { name: `查看与「${visitorName}」的对话记录` }).click();
  await expect(chat.getByRole('log')).toContainText(question);
  await chat.getByRole('button', { name: `转接与「${visitorName}」的对话` }).click();
  await expect(transferDialog(supervisor)).toContainText(`与 ${visitorName} 的对话（当前坐席：王小明）`);
  await transferTo(supervisor, '李娜', note);
  await expect(chats.getByRole('status')).toHaveText(`与「${visitorName}」的对话已转接。`);
  await expect(chats.getByRole('listitem').filter({ hasText: visitorName })).toHaveCount(0);
  await chats.getByRole('button', { name: '关闭', exact: true }).last().click();
  await expect(chats).toBeHidden();

  // Agent 1 loses it, agent 2 has it, marked as a supervisor's transfer, with the note.
  await expect(agentListItem(agent1, visitorName)).toHaveCount(0);
  const item2 = agentListItem(agent2, visitorName);
  await expect(item2).toBeVisible();
  await item2.click();
  await expect(agentMessage(agent2, 'visitor', question)).toBeVisible();
  await expect(transferLine(agent2)).toHaveAttribute('data-by', 'supervisor');
  await expect(transferLine(agent2)).toContainText('主管转接');
  await expect(transferLine(agent2)).toContainText('已转接给 李娜');
  await expect(agentPane(agent2).getByText(`转接备注：${note}`)).toBeVisible();
  await expect(boardAgentRow(supervisor, '李娜')).toContainText('1/5');

  await closeOpenChat(agent2);
});

test('an administrator edits a queue’s strategy and wait notices; the change persists', async ({ newPage }) => {
  const id = uniq();
  const noticeText = `测试提示：仍在为您排队 ${id}`;

  const admin = await newPage();
  await agentLogin(admin, 'admin@demo.kefu');
  await workspaceNav(admin).getByRole('link', { name: '路由设置' }).click();
  await expect(admin.getByRole('heading', { name: '路由设置', level: 1 })).toBeVisible();

  const openEditor = async (): Promise<Locator> => {
    const row = queueRow(admin, '信用卡');
    await row.getByRole('button', { name: '编辑「信用卡」' }).click();
    const form = admin.getByRole('dialog', { name: '编辑队列「信用卡」' });
    await expect(form).toBeVisible();
    return form;
  };

  let form = await openEditor();
  const strategy = form.getByLabel('分配策略');
  const oldStrategy = await strategy.inputValue();
  const [newStrategy, newLabel] = oldStrategy === 'round_robin' ? ['longest_idle', '空闲最久优先'] : ['round_robin', '轮流分配'];
  const before = await form.getByLabel(/^第 \d+ 条提示：内容$/).count();
  const n = before + 1;
  await expect(form.getByLabel('队列标识')).toHaveValue('cards');
  await expect(form.getByLabel('队列标识')).not.toBeEditable();

  await strategy.selectOption(newStrategy);
  await form.getByRole('button', { name: '添加提示' }).click();
  await form.getByLabel(`第 ${n} 条提示：等待秒数`).fill('240');
  // The form checks before sending: a notice needs a text.
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert')).toHaveText(`第 ${n} 条提示：等待秒数须为正整数，内容不能为空。`);
  await form.getByLabel(`第 ${n} 条提示：内容`).fill(noticeText);

  // What only the server can judge comes back with its reason: an unknown time zone.
  const hours = form.getByRole('radiogroup', { name: '营业时间' });
  const alwaysOpen = await hours.getByRole('radio', { name: '全天开放' }).isChecked();
  if (alwaysOpen) {
    await hours.getByRole('radio', { name: '按营业时间' }).check();
    await form.getByLabel('时区').fill('Mars/Olympus_Mons');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form.getByRole('alert')).toContainText(/^保存失败：.+/);
    await hours.getByRole('radio', { name: '全天开放' }).check();
  }

  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(admin.getByRole('status').filter({ hasText: '已保存队列「信用卡」。' })).toBeVisible();
  await expect(queueRow(admin, '信用卡').getByTestId('queue-strategy')).toHaveText(newLabel);

  // After a reload the saved values are what the form shows.
  await admin.reload();
  await expect(admin.getByRole('heading', { name: '路由设置', level: 1 })).toBeVisible();
  form = await openEditor();
  await expect(form.getByLabel('分配策略')).toHaveValue(newStrategy);
  await expect(form.getByLabel(`第 ${n} 条提示：等待秒数`)).toHaveValue('240');
  await expect(form.getByLabel(`第 ${n} 条提示：内容`)).toHaveValue(noticeText);
  if (alwaysOpen) await expect(form.getByRole('radio', { name: '全天开放' })).toBeChecked();

  // Put it back.
  await form.getByLabel('分配策略').selectOption(oldStrategy);
  await form.getByRole('button', { name: `删除第 ${n} 条提示` }).click();
  await expect(form.getByLabel(/^第 \d+ 条提示：内容$/)).toHaveCount(before);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await admin.reload();
  form = await openEditor();
  await expect(form.getByLabel('分配策略')).toHaveValue(oldStrategy);
  await expect(form.getByLabel(/^第 \d+ 条提示：内容$/)).toHaveCount(before);
  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toBeHidden();

  // The tenant settings and the identity secret, shown to administrators on request.
  await expect(admin.getByLabel('整理时间（秒）')).toHaveValue(/^\d+$/);
  await expect(admin.getByLabel('断线保留时间（秒）')).toHaveValue(/^\d+$/);
  const secret = admin.getByTestId('identity-secret');
  await expect(secret).toHaveText(/^•+$/);
  await admin.getByRole('button', { name: '显示密钥' }).click();
  await expect(secret).toHaveText(/^[^•\s]{16,}$/);
  await admin.getByRole('button', { name: '隐藏密钥' }).click();
  await expect(secret).toHaveText(/^•+$/);
});

function queueRow(page: Page, name: string): Locator {
  return page
    .getByRole('table', { name: '队列' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}
