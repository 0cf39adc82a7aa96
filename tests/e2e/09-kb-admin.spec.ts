// Knowledge-base and bot administration in the workspace: entries, import/export, bot settings,
// and who may see them.

import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { agentLogin, expect, openWidget, test, uniq, visitorSend, widgetMessage } from './fixtures';

/** The top-bar navigation of editors (supervisors and administrators). */
function adminNav(page: Page): Locator {
  return page.getByRole('navigation', { name: '页面' });
}

async function openKb(page: Page, tab?: '条目' | '分类' | '导入/导出' | '知识缺口'): Promise<void> {
  await adminNav(page).getByRole('link', { name: '知识库' }).click();
  await expect(page.getByRole('heading', { name: '知识库', level: 1 })).toBeVisible();
  if (tab) {
    await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: tab }).click();
  }
}

/** Type into the entries search box and wait until the table shows the server's answer for it. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: '搜索条目' }).fill(text);
  await expect(entriesTable(page)).toHaveAttribute('data-query', text.trim());
  await expect(entriesTable(page)).toHaveAttribute('aria-busy', 'false');
  if (text.trim() !== '') await expect(page.getByRole('columnheader', { name: '匹配度' })).toBeVisible();
}

function entriesTable(page: Page): Locator {
  return page.getByRole('table', { name: '知识库条目' });
}

function entryRow(page: Page, question: string): Locator {
  return entriesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader').getByText(question, { exact: true }) });
}

test('an editor creates, finds, edits and deletes an entry', async ({ newPage }) => {
  const id = uniq();
  const question = `测试：如何修改预留手机号 ${id}`;
  const edited = `测试：预留手机号怎么改 ${id}`;
  const category = `测试分类${id}`;

  const page = await newPage();
  await agentLogin(page, 'admin@demo.kefu');
  await openKb(page);

  // A new entry without an answer is refused with the server's reason, next to the form.
  await page.getByRole('button', { name: '新建条目' }).click();
  const form = page.getByRole('dialog', { name: '新建条目' });
  await form.getByLabel('标准问题').fill(question);
  await form.getByLabel('相似问题（每行一个）').fill(`换手机号了怎么办 ${id}\n手机号码变更 ${id}`);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert')).toContainText('answer');

  await form.getByLabel('答案', { exact: true }).fill('请携带身份证到任一网点办理，或在手机银行“设置—安全中心”中修改。');
  await form.getByLabel('分类', { exact: true }).selectOption({ label: '新建分类…' });
  await form.getByLabel('新分类名称').fill(category);
  await form.getByLabel('标签（用逗号分隔）').fill('手机号, 安全');
  await form.getByLabel('失效日期').fill('2099-01-01');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `已创建「${question}」。` })).toBeVisible();

  // Found by a server search on one of its similar questions.
  await search(page, `换手机号了怎么办 ${id}`);
  const row = entryRow(page, question);
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(0)).toHaveText(category);
  await expect(row.getByRole('cell').nth(1)).toHaveText('2');
  await expect(row.getByRole('cell').nth(2)).toHaveText('启用');
  await expect(row).toContainText('2099-01-01');

  // Edit: new wording, disabled. The form shows what was saved.
  await row.getByRole('button', { name: `编辑「${question}」` }).click();
  const editForm = page.getByRole('dialog', { name: '编辑条目' });
  await expect(editForm.getByLabel('标准问题')).toHaveValue(question);
  await expect(editForm.getByLabel('分类', { exact: true })).toHaveValue(category);
  await expect(editForm.getByLabel('标签（用逗号分隔）')).toHaveValue('手机号, 安全');
  await expect(editForm.getByLabel('失效日期')).toHaveValue('2099-01-01');
  await editForm.getByLabel('标准问题').fill(edited);
  await editForm.getByLabel('启用（机器人可以使用这条答案）').uncheck();
  await editForm.getByRole('button', { name: '保存' }).click();
  await expect(editForm).toBeHidden();

  await search(page, edited);
  const editedRow = entryRow(page, edited);
  await expect(editedRow.getByRole('cell').nth(2)).toHaveText('停用');
  await expect(entryRow(page, question)).toHaveCount(0);

  // The category is listed with its entry and cannot be deleted while in use.
  await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: '分类' }).click();
  const catRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: category, exact: true }) });
  await expect(catRow.getByRole('cell').first()).toHaveText('1');
  await catRow.getByRole('button', { name: `删除分类「${category}」` }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(catRow).toBeVisible();

  // Delete, after confirming.
  await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: '条目' }).click();
  await search(page, edited);
  await entryRow(page, edited).getByRole('button', { name: `删除「${edited}」` }).click();
  const confirm = page.getByRole('alertdialog', { name: '删除条目' });
  await expect(confirm).toContainText(edited);
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `已删除「${edited}」。` })).toBeVisible();
  await search(page, edited);
  await expect(entryRow(page, edited)).toHaveCount(0);

  // The now unused category can be deleted.
  await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: '分类' }).click();
  const unused = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: category, exact: true }) });
  await expect(unused.getByRole('cell').first()).toHaveText('0');
  await unused.getByRole('button', { name: `删除分类「${category}」` }).click();
  await expect(unused).toHaveCount(0);
});

test('a CSV import keeps good rows, reports bad ones by line, and the export has them', async ({ newPage }) => {
  const id = uniq();
  const category = `导入测试${id}`;
  const csv = [
    'question,similar,answer,category,tags,enabled,valid_from,valid_to',
    `导入问题甲 ${id},甲的另一种问法 ${id}|甲的第三种问法 ${id},答案甲,${category},标签一|标签二,true,,`,
    `导入问题乙 ${id},,"答案乙，含逗号, 和 ""引号""",${category},,是,2026-01-01,2099-12-31`,
    `导入问题丙 ${id},,,${category},,,,`, // line 4: no answer
    `导入问题丁 ${id},,答案丁,${category},,true,2026-13-45,`, // line 5: bad date
    `导入问题戊 ${id},,答案戊,${category},,maybe,,`, // line 6: bad enabled
    `,,答案己,${category},,,,`, // line 7: no question
    `导入问题庚 ${id},,答案庚,${category},,,2027-01-01,2026-01-01`, // line 8: ends before it starts
  ].join('\n');

  const page = await newPage();
  await agentLogin(page, 'supervisor@demo.kefu');
  await openKb(page, '导入/导出');

  await page.getByLabel('选择文件（CSV 或 JSONL）').setInputFiles({
    name: `kb-${id}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(page.getByLabel('文件格式')).toHaveValue('csv');
  await page.getByRole('button', { name: '开始导入' }).click();

  const job = page.getByTestId('kb-import-job');
  await expect(job.getByRole('progressbar', { name: '导入进度' })).toBeVisible();
  await expect(job).toHaveAttribute('data-state', 'done');
  await expect(job.getByTestId('kb-import-accepted')).toHaveText('2');
  await expect(job.getByTestId('kb-import-rejected')).toHaveText('5');
  // `rows` counts every data row of the file, good or bad (accepted + rejected).
  await expect(job.getByTestId('kb-import-progress')).toHaveText('已处理 7 / 7 行');

  const errors = job.getByRole('table', { name: '未导入的行' });
  const reason = (line: number) =>
    errors.getByRole('row').filter({ has: page.getByRole('cell', { name: String(line), exact: true }) });
  await expect(errors.getByRole('row')).toHaveCount(1 + 5);
  await expect(reason(4)).toContainText('answer');
  await expect(reason(5)).toContainText('valid_from');
  await expect(reason(6)).toContainText('enabled');
  await expect(reason(7)).toContainText('question');
  await expect(reason(8)).toContainText('valid_from');

  // The good rows are in the knowledge base: by search (also on a similar question) and by category.
  await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: '条目' }).click();
  await search(page, `甲的另一种问法 ${id}`);
  await expect(entryRow(page, `导入问题甲 ${id}`)).toBeVisible();
  await expect(entryRow(page, `导入问题甲 ${id}`).getByRole('cell').nth(1)).toHaveText('2');
  await search(page, '');
  await page.getByLabel('分类', { exact: true }).selectOption(category);
  await expect(entriesTable(page)).toHaveAttribute('data-category', category);
  await expect(entriesTable(page).getByRole('rowheader')).toHaveCount(2);
  await expect(entryRow(page, `导入问题乙 ${id}`)).toBeVisible();
  await expect(page.getByTestId('kb-entries-range')).toHaveText('第 1–2 条，共 2 条');

  // The CSV export holds the imported rows, quoting intact.
  await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: '导入/导出' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '导出 CSV' }).click();
  const download = await downloading;
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported).toContain(`导入问题甲 ${id}`);
  expect(exported).toContain('"答案乙，含逗号, 和 ""引号"""');
  expect(exported).not.toContain(`导入问题丙 ${id}`);
});

test('a question the bot cannot answer becomes a knowledge gap, then an entry', async ({ newPage }) => {
  const id = uniq();
  const question = `火星分行可以办理开户吗 ${id}`;
  const other = `土星分行几点开门 ${id}`;

  // A visitor of the bot-first queue asks something the knowledge base does not cover.
  const visitor = await newPage();
  await openWidget(visitor, 'retail');
  const botReplies = widgetMessage(visitor, 'bot', '');
  await visitorSend(visitor, question);
  await expect(botReplies).not.toHaveCount(0);
  const repliesToFirst = await botReplies.count();
  await visitorSend(visitor, other);
  await expect(botReplies).not.toHaveCount(repliesToFirst);

  const page = await newPage();
  await agentLogin(page, 'supervisor@demo.kefu');
  await openKb(page, '知识缺口');
  const gaps = page.getByRole('table', { name: '知识缺口' });
  const gap = gaps.getByRole('row').filter({ has: page.getByRole('rowheader', { name: question, exact: true }) });
  await expect(async () => {
    await page.getByRole('button', { name: '刷新' }).click();
    await expect(gap).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(gap.getByRole('cell').first()).toHaveText('1');

  // 忽略 dismisses a gap for good.
  const otherGap = gaps.getByRole('row').filter({ has: page.getByRole('rowheader', { name: other, exact: true }) });
  await expect(otherGap).toBeVisible();
  await otherGap.getByRole('button', { name: `忽略「${other}」` }).click();
  await expect(otherGap).toHaveCount(0);
  await page.reload();
  await expect(gap).toBeVisible(); // the list has loaded again
  await expect(otherGap).toHaveCount(0);

  // 新建条目 opens the form with the question filled in; saving answers the gap.
  await gap.getByRole('button', { name: `为「${question}」新建条目` }).click();
  const form = page.getByRole('dialog', { name: '新建条目' });
  await expect(form.getByLabel('标准问题')).toHaveValue(question);
  await form.getByLabel('答案', { exact: true }).fill('目前火星分行暂未开业，敬请期待。');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(gap).toHaveCount(0);

  await page.getByRole('navigation', { name: '知识库功能' }).getByRole('link', { name: '条目' }).click();
  await search(page, question);
  await expect(entryRow(page, question)).toBeVisible();
});

test('bot settings and queue modes are saved by an administrator, read-only for a supervisor', async ({ newPage }) => {
  const id = uniq();
  const admin = await newPage();
  await agentLogin(admin, 'admin@demo.kefu');
  await adminNav(admin).getByRole('link', { name: '机器人设置' }).click();
  await expect(admin.getByRole('heading', { name: '机器人设置', level: 1 })).toBeVisible();

  const greeting = admin.getByLabel('欢迎语');
  const threshold = admin.getByLabel('直接回答阈值');
  await expect(threshold).not.toHaveValue('');
  const oldGreeting = await greeting.inputValue();
  const oldThreshold = await threshold.inputValue();
  const oldSynonyms = await admin.getByLabel('同义词').inputValue();

  // The server's validation message is shown.
  await threshold.fill('1.5');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('alert')).toBeVisible();
  await expect(admin.getByRole('status').filter({ hasText: '设置已保存。' })).toHaveCount(0);

  // A valid change is saved and survives a reload.
  const newGreeting = `您好，我是测试助手 ${id}`;
  await threshold.fill('0.8');
  await greeting.fill(newGreeting);
  await admin.getByLabel('同义词').fill(`借款 贷款\n到账 到款 ${id}`);
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '设置已保存。' })).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('欢迎语')).toHaveValue(newGreeting);
  await expect(admin.getByLabel('直接回答阈值')).toHaveValue('0.8');
  await expect(admin.getByLabel('同义词')).toHaveValue(`借款 贷款\n到账 到款 ${id}`);

  // Queue mode: flip the first queue, see it after a reload, flip it back.
  const queue = admin.getByRole('group').filter({ has: admin.getByRole('radio', { name: '智能客服优先' }) }).first();
  const botFirst = queue.getByRole('radio', { name: '智能客服优先' });
  const humanFirst = queue.getByRole('radio', { name: '人工优先' });
  const wasBotFirst = await botFirst.isChecked();
  await (wasBotFirst ? humanFirst : botFirst).click();
  await expect(wasBotFirst ? humanFirst : botFirst).toBeChecked();
  await expect(botFirst).toBeEnabled(); // the change was answered
  await expect(admin.getByRole('alert')).toHaveCount(0);
  await admin.reload();
  await expect(wasBotFirst ? humanFirst : botFirst).toBeChecked();
  await (wasBotFirst ? botFirst : humanFirst).click();
  await expect(botFirst).toBeEnabled();
  await expect(admin.getByRole('alert')).toHaveCount(0);
  await expect(wasBotFirst ? botFirst : humanFirst).toBeChecked();

  // A supervisor sees the same settings but cannot change them.
  const supervisor = await newPage();
  await agentLogin(supervisor, 'supervisor@demo.kefu');
  await adminNav(supervisor).getByRole('link', { name: '机器人设置' }).click();
  await expect(supervisor.getByRole('note')).toContainText('只有管理员可以修改');
  await expect(supervisor.getByLabel('欢迎语')).toHaveValue(newGreeting);
  await expect(supervisor.getByLabel('欢迎语')).toBeDisabled();
  await expect(supervisor.getByRole('radio', { name: '人工优先' }).first()).toBeDisabled();
  await expect(supervisor.getByRole('button', { name: '保存' })).toHaveCount(0);

  // Put the settings back for the other tests.
  await admin.getByLabel('欢迎语').fill(oldGreeting);
  await admin.getByLabel('直接回答阈值').fill(oldThreshold);
  await admin.getByLabel('同义词').fill(oldSynonyms);
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '设置已保存。' })).toBeVisible();
});

test('agents do not get the administration pages', async ({ newPage }) => {
  const page = await newPage();
  await agentLogin(page, 'agent1@demo.kefu');
  await expect(page.getByRole('heading', { name: '我的对话' })).toBeVisible();
  await expect(adminNav(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: '知识库' })).toHaveCount(0);

  // Typing the address does not open them either.
  await page.goto('/agent/#/kb');
  await page.reload();
  await expect(page.getByRole('radio', { name: '在线' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('heading', { name: '我的对话' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '知识库' })).toHaveCount(0);
});

test('handoff routes: the demo route is listed, an administrator adds one, a half-filled row is refused, and removes it', async ({
  newPage,
}) => {
  const admin = await newPage();
  await agentLogin(admin, 'admin@demo.kefu');
  await adminNav(admin).getByRole('link', { name: '机器人设置' }).click();
  const routes = admin.getByRole('group', { name: '按问题分类转接' });
  const category = (n: number) => routes.getByRole('combobox', { name: `第 ${n} 条转接规则：分类` });
  const queue = (n: number) => routes.getByRole('combobox', { name: `第 ${n} 条转接规则：队列` });
  const saved = admin.getByRole('status').filter({ hasText: '设置已保存。' });

  // The demo sends credit-card questions to the card queue.
  await expect(category(1)).toHaveValue('信用卡');
  await expect(queue(1).locator('option:checked')).toHaveText('信用卡');
  await expect(category(2)).toHaveCount(0);

  // A second route; a third row left half-filled stops the save and says which row.
  await routes.getByRole('button', { name: '添加转接规则' }).click();
  await category(2).selectOption('贷款');
  await queue(2).selectOption({ label: '个人业务' });
  await routes.getByRole('button', { name: '添加转接规则' }).click();
  await category(3).selectOption('电子银行');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByRole('alert').filter({ hasText: '第 3 条转接规则未填完整' })).toBeVisible();
  await expect(queue(3)).toBeFocused();
  await expect(saved).toHaveCount(0);
  // A category is offered once: the second row's is not among the third's options.
  await expect(category(3).locator('option', { hasText: '贷款' })).toHaveCount(0);
  await routes.getByRole('button', { name: '删除第 3 条转接规则' }).click();
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(saved).toBeVisible();

  await admin.reload();
  await expect(category(2)).toHaveValue('贷款');
  await expect(queue(2).locator('option:checked')).toHaveText('个人业务');
  const stored = await admin.request.get('/api/bot/settings');
  const { settings } = (await stored.json()) as { settings: { handoff_routes: { category: string }[] } };
  expect(settings.handoff_routes.map((r) => r.category)).toEqual(['信用卡', '贷款']);

  // Put the demo's routes back for the other tests.
  await routes.getByRole('button', { name: '删除第 2 条转接规则' }).click();
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(saved).toBeVisible();
  await admin.reload();
  await expect(category(1)).toHaveValue('信用卡');
  await expect(category(2)).toHaveCount(0);
});
