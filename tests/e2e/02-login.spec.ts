// A wrong password is refused with a visible error and leaves no session behind.

import { expect, test } from './fixtures';

test('agent login with a wrong password shows an error and creates no session', async ({ newPage }) => {
  const page = await newPage();
  await page.goto('/agent/');
  await page.getByLabel('邮箱').fill('agent1@demo.kefu');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page.getByRole('alert')).toHaveText('企业标识、邮箱或密码不正确。');
  // Still on the form, no workspace.
  await expect(page.getByRole('button', { name: '登录' })).toBeEnabled();
  await expect(page.getByRole('radiogroup', { name: '接待状态' })).toHaveCount(0);

  // The server agrees: no session cookie, /api/auth/me refuses.
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.name === 'kefu_session')).toEqual([]);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);

  // Reloading shows the login form again, not the workspace.
  await page.reload();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});
