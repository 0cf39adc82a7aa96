// The language switches of the widget and the workspace.

import { expect, openWidget, test } from './fixtures';

test('widget and workspace switch between zh-CN, zh-TW and en', async ({ newPage }) => {
  const visitor = await newPage();
  const panel = await openWidget(visitor);
  await panel.getByLabel('语言').selectOption('en');
  const english = visitor.getByRole('dialog', { name: 'Live chat' });
  await expect(english.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await english.getByLabel('Language').selectOption('zh-TW');
  await expect(visitor.getByRole('dialog', { name: '線上客服對話視窗' })).toBeVisible();
  // The choice is remembered.
  await visitor.reload();
  await expect(visitor.getByRole('dialog', { name: '線上客服對話視窗' })).toBeVisible();

  const agent = await newPage();
  await agent.goto('/agent/');
  await agent.getByLabel('语言').selectOption('zh-TW');
  await expect(agent.getByRole('button', { name: '登入' })).toBeVisible();
  await agent.getByLabel('語言').selectOption('en');
  await expect(agent.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(agent.getByLabel('Organization')).toHaveValue('demo-bank');
});
