// Agent assist in the workspace's side panel: knowledge-base answers for the customer's latest
// question, inserted into the reply box and sent; new questions update the suggestions; nothing
// matching shows a quiet empty state. Sets up its own queue, agent and entries (removed at the
// end), and saves the workspace screenshot with the side panel (docs/screenshots/workspace-assist.png).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { agentListItem, agentLogin, agentMessage, agentPane, expect, test, uniq, visitorSend, widgetMessage } from './fixtures';
import { adminSession, call, createAgent, createQueue, openWidgetOn, type Admin } from './staff';

const SCREENSHOT = fileURLToPath(new URL('../../docs/screenshots/workspace-assist.png', import.meta.url));

interface Entry {
  id: string;
  question: string;
  answer: string;
}

async function createEntry(admin: Admin, fields: { question: string; answer: string; category: string; enabled?: boolean; similar?: string[] }): Promise<Entry> {
  const body = { similar: [], tags: [], enabled: true, ...fields };
  return (await call<{ entry: Entry }>(admin, 'POST', '/api/kb/entries', body)).entry;
}

function sidePanel(agent: Page): Locator {
  return agent.getByTestId('side-panel');
}

function replyBox(agent: Page): Locator {
  return agentPane(agent).getByRole('textbox', { name: '回复内容' });
}

test('knowledge-base suggestions follow the latest question and insert into the reply', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  const category = `助手测试${id}`;
  const entries: Entry[] = [];
  try {
    const queue = await createQueue(admin, `assist-${id}`, `知识助手${id}`);
    const email = `assist-${id}@demo.kefu`;
    await createAgent(admin, email, `助手坐席${id}`, queue);
    // A product no demo entry mentions, so only these entries match the questions below.
    const miles = await createEntry(admin, {
      question: '星河联名卡的积分怎么兑换航空里程？',
      answer: `星河联名卡积分可在手机银行「积分商城-里程兑换」中兑换，1000 积分兑换 100 公里航空里程，3 个工作日内到账。（${id}）`,
      category,
    });
    const fee = await createEntry(admin, {
      question: '星河联名卡的年费怎么收取？',
      answer: `星河联名卡首年免年费；当年刷卡满 6 次，免次年年费。（${id}）`,
      category,
    });
    const lost = await createEntry(admin, {
      question: '星河联名卡丢失后怎么补办？',
      answer:
        `请先在手机银行「卡片管理-挂失」中临时挂失，或拨打客服热线办理。随后携带本人有效身份证件到任一网点办理正式挂失和补卡，` +
        `补卡工本费 10 元，新卡约 7 个工作日寄到您的账单地址；原卡上的积分、年费减免资格和自动还款设置会自动转移到新卡，` +
        `无需重新申请。如发现盗刷，请在 30 天内提交争议交易申请。（${id}）`,
      category,
    });
    // Disabled: never suggested, however well it matches.
    const disabled = await createEntry(admin, {
      question: '星河联名卡积分兑换航空里程有上限吗？',
      answer: `已停用的答案（${id}）`,
      category,
      enabled: false,
    });
    entries.push(miles, fee, lost, disabled);

    const agent = await newPage({ viewport: { width: 1440, height: 900 } });
    await agentLogin(agent, email);

    // A customer asks about miles on the human-first queue; the agent opens the chat.
    const visitor = await newPage();
    await openWidgetOn(visitor, queue.slug);
    const q1 = `请问星河联名卡的积分能换航空里程吗？${id}`;
    await visitorSend(visitor, q1);
    const item = agentListItem(agent, q1);
    await expect(item).toBeVisible();
    await item.click();
    await expect(agentMessage(agent, 'visitor', q1)).toBeVisible();

    // The side panel opens on the profile tab; the suggestions tab shows the matching entries.
    const side = sidePanel(agent);
    await expect(side).toBeVisible();
    const profileTab = agent.getByTestId('side-tab-profile');
    const assistTab = agent.getByTestId('side-tab-assist');
    await expect(profileTab).toHaveAttribute('aria-selected', 'true');
    await expect(side.getByRole('tablist')).toBeVisible();
    await assistTab.click();
    await expect(assistTab).toHaveAttribute('aria-selected', 'true');
    await expect(profileTab).toHaveAttribute('aria-selected', 'false');
    const panel = agent.getByTestId('assist-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toHaveAttribute('data-status', 'ready');
    await expect(panel).toContainText(q1);
    const items = panel.getByTestId('assist-item');
    await expect(items.first()).toHaveAttribute('data-entry', miles.id);
    await expect(items.first().getByRole('heading')).toHaveText(miles.question);
    await expect(items.first()).toContainText(miles.answer);
    await expect(items.first().getByTestId('assist-confidence')).toHaveText(/^\d{1,3}%$/);
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(3);
    await expect(panel.locator(`[data-entry="${disabled.id}"]`)).toHaveCount(0);
    await expect(panel.getByRole('alert')).toHaveCount(0);

    // The tabs work from the keyboard too (arrow keys move between them).
    await assistTab.focus();
    await agent.keyboard.press('ArrowLeft');
    await expect(profileTab).toHaveAttribute('aria-selected', 'true');
    await expect(profileTab).toBeFocused();
    await expect(panel).toBeHidden();
    await agent.keyboard.press('ArrowRight');
    await expect(assistTab).toHaveAttribute('aria-selected', 'true');
    await expect(panel).toBeVisible();

    // 「插入」 puts the answer at the caret of the reply box, after what the agent typed.
    const box = replyBox(agent);
    await box.fill('您好，');
    await box.press('End');
    await items.first().getByTestId('assist-insert').click();
    await expect(box).toHaveValue(`您好，${miles.answer}`);
    await expect(box).toBeFocused();

    // The desktop screenshot of the workspace with the suggestions open.
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await agent.screenshot({ path: SCREENSHOT });

    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(agentMessage(agent, 'agent', miles.answer)).toBeVisible();
    await expect(widgetMessage(visitor, 'agent', miles.answer)).toBeVisible();

    // The next question replaces the suggestions: the fee entry comes first now.
    const q2 = `星河联名卡的年费是怎么收取的？${id}`;
    await visitorSend(visitor, q2);
    await expect(agentMessage(agent, 'visitor', q2)).toBeVisible();
    await expect(panel).toContainText(q2);
    await expect(items.first()).toHaveAttribute('data-entry', fee.id);
    await expect(panel).toHaveAttribute('data-status', 'ready');

    // A long answer is clamped and can be expanded.
    const q3 = `星河联名卡丢失了怎么补办？${id}`;
    await visitorSend(visitor, q3);
    await expect(items.first()).toHaveAttribute('data-entry', lost.id);
    const more = items.first().getByRole('button', { name: '展开全文' });
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    const answer = items.first().locator('.as-answer');
    const clamped = (await answer.boundingBox())!.height;
    await more.click();
    await expect(items.first().getByRole('button', { name: '收起' })).toHaveAttribute('aria-expanded', 'true');
    expect((await answer.boundingBox())!.height).toBeGreaterThan(clamped);

    // A question nothing in the knowledge base matches: a quiet empty state, no error.
    const q4 = `qzx${id}vvk`;
    await visitorSend(visitor, q4);
    await expect(panel).toContainText(q4);
    await expect(panel.getByTestId('assist-empty')).toHaveText('知识库中没有与这个问题相关的答案。');
    await expect(items).toHaveCount(0);
    await expect(panel.getByRole('alert')).toHaveCount(0);

    // Back to a matching question; once the chat has ended, nothing can be inserted any more.
    const q5 = `星河联名卡积分兑换航空里程${id}`;
    await visitorSend(visitor, q5);
    await expect(items.first()).toHaveAttribute('data-entry', miles.id);
    await expect(items.first().getByTestId('assist-insert')).toBeEnabled();
    await agentPane(agent).getByRole('button', { name: '结束对话' }).click();
    await expect(agentPane(agent).getByText('对话已结束，无法继续回复。')).toBeVisible();
    await expect(items.first().getByTestId('assist-insert')).toBeDisabled();

    // The panel collapses to a rail and opens again.
    await side.getByRole('button', { name: '收起侧栏' }).click();
    await expect(side).toHaveAttribute('data-open', 'false');
    await expect(panel).toHaveCount(0);
    await side.getByRole('button', { name: '展开侧栏' }).click();
    await expect(side).toHaveAttribute('data-open', 'true');
    await expect(assistTab).toBeFocused();
    await expect(items.first()).toHaveAttribute('data-entry', miles.id);
  } finally {
    // Leave the shared knowledge base as the demo made it, for the bot's specs.
    for (const e of entries) await call(admin, 'DELETE', `/api/kb/entries/${e.id}`);
    await admin.api.dispose();
  }
});

test('an empty knowledge base and a failed lookup each say so; a retry recovers', async ({ newPage, playwright, baseURL }) => {
  const id = uniq();
  const admin = await adminSession(() => playwright.request.newContext({ baseURL: baseURL! }));
  const queue = await createQueue(admin, `assist-empty-${id}`, `知识助手空库${id}`);
  const email = `assist-empty-${id}@demo.kefu`;
  await createAgent(admin, email, `空库坐席${id}`, queue);
  await admin.api.dispose();

  const agent = await newPage({ viewport: { width: 1440, height: 900 } });
  // The demo tenant's knowledge base is shared with the bot's specs and never empty: the
  // workspace's lookups are answered here instead. First the server fails.
  let mode: 'fail' | 'empty' = 'fail';
  const asked: string[] = [];
  await agent.route('**/api/kb/entries?*', async (route) => {
    asked.push(new URL(route.request().url()).searchParams.get('q') ?? '');
    if (mode === 'fail') {
      await route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: '服务暂不可用' } } });
    } else {
      await route.fulfill({ json: { entries: [], total: 0 } });
    }
  });
  await agentLogin(agent, email);

  const visitor = await newPage();
  await openWidgetOn(visitor, queue.slug);
  const question = `信用卡怎么还款？${id}`;
  await visitorSend(visitor, question);
  await agentListItem(agent, question).click();
  await agent.getByTestId('side-tab-assist').click();
  const panel = agent.getByTestId('assist-panel');
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('暂时无法获取知识库建议（服务暂不可用）');
  await expect(panel).toHaveAttribute('data-status', 'error');
  expect(asked).toContain(question);

  // Retry: now the knowledge base answers, and it is empty.
  mode = 'empty';
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(panel.getByTestId('assist-kb-empty')).toContainText('知识库还是空的');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(panel.getByTestId('assist-item')).toHaveCount(0);
  // Agents cannot edit the knowledge base: no link to it.
  await expect(panel.getByRole('link', { name: '去添加知识' })).toHaveCount(0);
});
