// Typing preview: the agent serving a chat sees the visitor's draft live, marked as not sent;
// it goes away when the visitor clears or sends it, and a tenant setting turns it off.

import type { Page } from '@playwright/test';
import {
  agentListItem,
  agentLogin,
  agentMessage,
  agentPane,
  expect,
  openWidget,
  test,
  uniq,
  visitorSend,
  widgetMessage,
  widgetPanel,
  workspaceNav,
} from './fixtures';

/** Set the tenant's typing-preview setting on the routing page, as the administrator. */
async function setTypingPreview(admin: Page, on: boolean): Promise<void> {
  await workspaceNav(admin).getByRole('link', { name: '路由设置' }).click();
  const section = admin.getByRole('region', { name: '整理、断线与输入预览' });
  const box = section.getByRole('checkbox', { name: '坐席可实时看到客户正在输入、尚未发送的内容（不保存）' });
  await box.setChecked(on);
  await section.getByRole('button', { name: '保存设置' }).click();
  await expect(section.getByText('路由设置已保存。')).toBeVisible();
  await expect(box).toBeChecked({ checked: on });
}

test('the agent sees what the visitor is typing, marked as not sent; the setting turns it off', async ({ newPage }) => {
  const id = uniq();
  const agent = await newPage();
  await agentLogin(agent, 'agent1@demo.kefu');

  const visitor = await newPage();
  const panel = await openWidget(visitor);
  const hello = `你好，想咨询一下 ${id}`;
  await visitorSend(visitor, hello);
  await expect(panel.getByText('客服 王小明 已接入，很高兴为您服务。')).toBeVisible();
  await agentListItem(agent, hello).click();
  await expect(agentMessage(agent, 'visitor', hello)).toBeVisible();

  // The draft shows live, clearly not a message.
  const input = panel.getByRole('textbox', { name: '消息内容' });
  const draft = `我的卡在ATM被吞了 ${id}`;
  await input.pressSequentially(draft);
  const preview = agentPane(agent).getByTestId('typing-preview');
  await expect(preview).toContainText(draft);
  await expect(preview).toContainText('正在输入 · 未发送');
  await expect(agentMessage(agent, 'visitor', draft)).toHaveCount(0);

  // Cleared: gone. Sent: the message replaces it.
  await input.fill('');
  await expect(preview).toHaveCount(0);
  await input.pressSequentially('请帮我');
  await expect(preview).toContainText('请帮我');
  await input.fill(`请帮我处理一下 ${id}`);
  await input.press('Enter');
  await expect(widgetMessage(visitor, 'visitor', `请帮我处理一下 ${id}`)).toBeVisible();
  await expect(agentMessage(agent, 'visitor', `请帮我处理一下 ${id}`)).toBeVisible();
  await expect(preview).toHaveCount(0);

  // Turned off for the tenant: drafts stay with the visitor.
  const admin = await newPage();
  await agentLogin(admin, 'admin@demo.kefu');
  await setTypingPreview(admin, false);
  try {
    await input.pressSequentially(`这段不应被看到 ${id}`);
    // Give a preview every chance to arrive (several throttle periods) before checking it did not.
    await visitor.waitForTimeout(1500);
    await expect(preview).toHaveCount(0);
    await input.fill('');
  } finally {
    await setTypingPreview(admin, true);
  }
  // On again: the next draft shows.
  await input.pressSequentially(`又能看到了 ${id}`);
  await expect(preview).toContainText(`又能看到了 ${id}`);
  await input.fill('');

  await widgetPanel(visitor).getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
});
