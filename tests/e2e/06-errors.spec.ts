// A message over the server's limit is refused calmly: a notice, and the text is given back.

import { expect, openWidget, test, uniq, visitorSend, widgetMessage } from './fixtures';

test('too long a message shows a notice and returns the text to the composer', async ({ newPage }) => {
  const page = await newPage();
  const panel = await openWidget(page);
  const input = panel.getByRole('textbox', { name: '消息内容' });

  const tooLong = `超长消息 ${uniq()} ` + 'a'.repeat(4100);
  await input.fill(tooLong);
  await input.press('Enter');

  await expect(panel.getByRole('status').filter({ hasText: '消息太长了，最多 4000 个字' })).toBeVisible();
  await expect(input).toHaveValue(tooLong);
  await expect(panel.locator('.kf-row[data-pending="true"]')).toHaveCount(0);

  // The connection is still usable afterwards.
  const ok = `正常消息 ${uniq()}`;
  await visitorSend(page, ok);
  await expect(widgetMessage(page, 'visitor', ok)).toBeVisible();
  await panel.getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();
});
