// On a phone-sized screen the widget opens full-screen and works.

import { expect, openWidget, test, uniq, visitorSend, widgetMessage, widgetPanel } from './fixtures';

test('widget on a 375x667 phone opens full-screen and can send', async ({ newPage }) => {
  const page = await newPage({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const panel = await openWidget(page);

  const box = await panel.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBe(0);
  expect(box!.y).toBe(0);
  expect(box!.width).toBe(375);
  expect(box!.height).toBe(667);
  // The launcher is hidden behind the full-screen panel; the header's button minimizes.
  await expect(page.getByRole('button', { name: '收起在线客服' })).toBeHidden();

  const text = `手机上提问 ${uniq()}`;
  await visitorSend(page, text);
  await expect(widgetMessage(page, 'visitor', text)).toBeVisible();
  await expect(panel.getByText(/您已进入「信用卡」排队/)).toBeVisible();

  // Clean up: the visitor ends the conversation.
  await panel.getByRole('button', { name: '结束对话' }).click();
  await expect(panel.getByText('您已结束本次对话。')).toBeVisible();

  await panel.getByRole('button', { name: '收起窗口' }).click();
  await expect(widgetPanel(page)).toBeHidden();
  await expect(page.getByRole('button', { name: '打开在线客服' })).toBeVisible();
});
