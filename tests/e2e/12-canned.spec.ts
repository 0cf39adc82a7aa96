// Canned replies in the workspace: "/thx" opens the popup and Enter inserts the reply with the
// customer's name filled in; a sent reply is saved as a personal canned reply and found again by
// its code; another agent never sees it; an administrator creates a team reply and imports a
// file with a bad row. Also takes the workspace screenshot with the popup open
// (docs/screenshots/workspace-canned.png).

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
  closeAllChats,
  expect,
  openWidget,
  test,
  uniq,
  visitorSend,
  widgetMessage,
  workspaceNav,
} from './fixtures';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshots/workspace-canned.png', import.meta.url));

function replyBox(agent: Page): Locator {
  return agentPane(agent).getByRole('textbox', { name: '回复内容' });
}

function popup(agent: Page): Locator {
  return agentPane(agent).getByRole('listbox', { name: '快捷回复建议' });
}

/** A visitor writes `text` on the credit-card queue; agent 1 opens the chat. Returns the visitor's page and name. */
async function startChat(newPage: (o?: object) => Promise<Page>, agent: Page, text: string): Promise<{ visitor: Page; name: string }> {
  const visitor = await newPage();
  await openWidget(visitor, 'cards');
  await visitorSend(visitor, text);
  const item = agentListItem(agent, text);
  await expect(item).toBeVisible();
  const name = (await item.locator('.ws-item-name').innerText()).trim();
  await item.click();
  await expect(agentMessage(agent, 'visitor', text)).toBeVisible();
  return { visitor, name };
}

async function closeChat(agent: Page): Promise<void> {
  await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
  await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
}

test('"/thx" offers the canned reply and Enter inserts it with the customer\'s name', async ({ newPage }) => {
  const id = uniq();
  const agent = await newPage({ viewport: { width: 1440, height: 900 } });
  await agentLogin(agent, 'agent1@demo.kefu');
  await closeAllChats(agent);
  const { visitor, name } = await startChat(newPage, agent, `我等了很久 ${id}`);

  const box = replyBox(agent);
  await box.click();
  // "/" alone lists the replies; ↓ and ↑ move the choice.
  await box.press('/');
  const list = popup(agent);
  await expect(list).toBeVisible();
  await expect(list.getByRole('option').nth(1)).toBeVisible();
  await box.press('ArrowDown');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'false');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowUp');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await box.pressSequentially('th');
  // Codes starting with the typed text come first: /thx is the first choice.
  const first = list.getByRole('option').first();
  await expect(first).toHaveAttribute('data-code', 'thx');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(first).toContainText(`${name}，感谢您的耐心等待`);
  await box.press('x');
  await expect(list.getByRole('option').first()).toHaveAttribute('data-code', 'thx');

  // The screenshot of the workspace with the popup open (desktop size).
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await agent.screenshot({ path: SCREENSHOT });

  // Esc closes the popup and leaves the text; typing opens it again.
  await box.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue('/thx');
  await box.press('Backspace');
  await box.press('x');
  await expect(list).toBeVisible();

  // Enter inserts the expanded text in place of "/thx"; the agent may still edit, then sends.
  await box.press('Enter');
  await expect(list).toBeHidden();
  const expanded = `${name}，感谢您的耐心等待！请问还有其他可以帮您的吗？`;
  await expect(box).toHaveValue(expanded);
  await box.press('End');
  await box.pressSequentially(` ${id}`);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(agentMessage(agent, 'agent', `${expanded} ${id}`)).toBeVisible();
  await expect(widgetMessage(visitor, 'agent', `${expanded} ${id}`)).toBeVisible();

  // Tab inserts too, and a "/code" after other words is replaced where it stands.
  await box.fill('好的 ');
  await box.press('End');
  await box.pressSequentially('/wai');
  await expect(popup(agent).getByRole('option').first()).toHaveAttribute('data-code', 'wait');
  await box.press('Tab');
  await expect(box).toHaveValue('好的 好的，请您稍等，我马上为您查询。');
  await box.fill('');

  // The side panel inserts with the variables filled in as well, by category.
  const panel = agent.getByRole('complementary', { name: '快捷回复' });
  await panel.getByRole('tab', { name: '感谢' }).click();
  await expect(panel.getByRole('tab', { name: '感谢' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.ws-canned-item[data-code="hi"]')).toHaveCount(0);
  await panel.locator('.ws-canned-item[data-code="thx"]').click();
  await expect(box).toHaveValue(expanded);
  await box.fill('');
  await closeChat(agent);
});

test('a sent reply saved as a personal canned reply is found by its code, by its owner only', async ({ newPage }) => {
  const id = uniq();
  const code = `card${id}`;
  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');
  await closeAllChats(agent);
  const { name } = await startChat(newPage, agent, `怎么激活信用卡 ${id}`);

  const sent = `${name}您好，新卡可在手机银行「卡片激活」中激活 ${id}`;
  await agentReply(agent, sent);
  const bubble = agentMessage(agent, 'agent', sent);
  await expect(bubble).toBeVisible();
  await bubble.hover();
  await bubble.getByRole('button', { name: '存为快捷回复' }).click();

  const dialog = agent.getByRole('dialog', { name: '存为快捷回复' });
  await expect(dialog).toBeVisible();
  // The customer's name becomes the variable, so the reply fits the next customer.
  await expect(dialog.getByRole('checkbox')).toBeChecked();
  await expect(dialog.getByLabel('内容')).toHaveValue(`{客户名}您好，新卡可在手机银行「卡片激活」中激活 ${id}`);
  await dialog.getByLabel('快捷码').fill(code);
  await dialog.getByLabel('标题').fill(`激活新卡 ${id}`);
  await dialog.getByLabel('分类').selectOption({ label: '等待' });
  // An unknown variable is flagged before saving.
  await dialog.getByLabel('内容').fill(`{客户名}您好，新卡可在手机银行「卡片激活」中激活 {卡号} ${id}`);
  await expect(dialog.getByTestId('canned-unknown-vars')).toContainText('{卡号}');
  await dialog.getByLabel('内容').fill(`{客户名}您好，新卡可在手机银行「卡片激活」中激活 ${id}`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(agentPane(agent).getByRole('status').filter({ hasText: `已保存快捷回复 /${code}` })).toBeVisible();

  // Saving the same code again in the same scope is refused with the reason.
  await bubble.hover();
  await bubble.getByRole('button', { name: '存为快捷回复' }).click();
  await dialog.getByLabel('快捷码').fill(code.toUpperCase());
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(`该范围内已有快捷码 /${code}`);
  await dialog.getByRole('button', { name: '取消' }).click();

  // Found again with "/code", marked personal, expanded for this customer.
  const box = replyBox(agent);
  await box.fill(`/${code}`);
  const option = popup(agent).getByRole('option').first();
  await expect(option).toHaveAttribute('data-code', code);
  await expect(option).toHaveAttribute('data-scope', 'personal');
  await expect(option).toContainText('个人');
  await box.press('Enter');
  await expect(box).toHaveValue(sent);
  await box.fill('');
  const panel = agent.getByRole('complementary', { name: '快捷回复' });
  await panel.getByRole('tab', { name: '我的' }).click();
  await expect(panel.locator(`.ws-canned-item[data-code="${code}"]`)).toContainText('个人');
  await closeChat(agent);

  // Agent 2 sees neither the popup entry nor the panel entry, and the API does not list it.
  const other = await newPage();
  await agentLogin(other, 'agent2@demo.kefu');
  const otherPanel = other.getByRole('complementary', { name: '快捷回复' });
  await expect(otherPanel.locator('.ws-canned-item[data-code="thx"]')).toBeVisible();
  await expect(otherPanel.locator(`.ws-canned-item[data-code="${code}"]`)).toHaveCount(0);
  await expect(otherPanel.getByRole('tab', { name: '我的' })).toHaveCount(0);
  const list = (await (await other.request.get('/api/canned-replies')).json()) as { canned_replies: { code: string }[] };
  expect(list.canned_replies.map((r) => r.code)).not.toContain(code);
  expect(list.canned_replies.map((r) => r.code)).toContain('thx');
});

test('an administrator creates a team reply and imports a file with a bad row', async ({ newPage }) => {
  const id = uniq();
  const admin = await newPage();
  await agentLogin(admin, 'admin@demo.kefu');
  await workspaceNav(admin).getByRole('link', { name: '快捷回复' }).click();
  await expect(admin.getByRole('heading', { name: '快捷回复', level: 1 })).toBeVisible();
  await expect(admin).toHaveURL(/#\/canned$/);

  // Create a team reply in the closing category.
  await admin.getByRole('button', { name: '新建快捷回复' }).click();
  const dialog = admin.getByRole('dialog', { name: '新建快捷回复' });
  await dialog.getByLabel('快捷码').fill(`end${id}`);
  await dialog.getByLabel('标题').fill(`结束 ${id}`);
  await dialog.getByLabel('内容').fill('感谢您的来访，');
  await dialog.getByRole('button', { name: '{客服名}' }).click();
  await expect(dialog.getByLabel('内容')).toHaveValue('感谢您的来访，{客服名}');
  await dialog.getByLabel('分类').selectOption({ label: '结束语' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const row = admin.locator(`tr[data-code="end${id}"]`);
  await expect(row).toContainText('感谢您的来访，{客服名}');
  await expect(row).toContainText('结束语');

  // Import: two good rows, one bad; the report gives the line and the reason.
  const csv = [
    'code,title,text,category',
    `imp${id},导入问候,"您好 {客户名}，欢迎致电",问候`,
    `bad code ${id},坏行,正文,`,
    `imp2${id},导入新分类,售后请拨 95555,售后${id}`,
  ].join('\n');
  await admin.getByLabel('文件').setInputFiles({ name: 'canned.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await admin.getByRole('button', { name: '开始导入' }).click();
  const report = admin.getByTestId('canned-import-report');
  await expect(report).toContainText('共 3 行：新增 2，更新 0，失败 1');
  await expect(report).toContainText(`新建分类：售后${id}`);
  const errorRow = report.getByRole('row').filter({ hasText: 'code must be' });
  await expect(errorRow.getByRole('cell').first()).toHaveText('3');
  await expect(admin.locator(`tr[data-code="imp${id}"]`)).toContainText('问候');
  await expect(admin.locator(`tr[data-code="bad"]`)).toHaveCount(0);

  // Back in the workspace the new team reply is offered by "/code".
  await workspaceNav(admin).getByRole('link', { name: '工作台' }).click();
  const panel = admin.getByRole('complementary', { name: '快捷回复' });
  await panel.getByRole('searchbox', { name: '搜索快捷回复' }).fill(`imp${id}`);
  await expect(panel.locator(`.ws-canned-item[data-code="imp${id}"]`)).toContainText('团队');

  // Clean up the team replies and the new category, so reruns on kept data stay tidy.
  await workspaceNav(admin).getByRole('link', { name: '快捷回复' }).click();
  for (const code of [`end${id}`, `imp${id}`, `imp2${id}`]) {
    await admin.locator(`tr[data-code="${code}"]`).getByRole('button', { name: '删除' }).click();
    await admin.getByRole('dialog', { name: '删除' }).getByRole('button', { name: '删除' }).click();
    await expect(admin.locator(`tr[data-code="${code}"]`)).toHaveCount(0);
  }
  await admin.getByRole('button', { name: `删除 售后${id}` }).click();
  await admin.getByRole('dialog', { name: '删除' }).getByRole('button', { name: '删除' }).click();
  await expect(admin.getByRole('button', { name: `删除 售后${id}` })).toHaveCount(0);
});
