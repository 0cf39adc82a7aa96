// Moving between conversations from the keyboard (Alt+↓/↑, Alt+Shift+↓). Pure: unit-tested by
// notify.test.ts through `npm run test:unit`.

/** The conversation `step` places after (1) or before (-1) the current one in list order; at
 *  either end it stays put. Without a current one, ↓ starts at the top and ↑ at the bottom. */
export function adjacentId(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at < 0) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))]!;
}

/** The next conversation with unread messages after the current one in list order, wrapping
 *  around; null when no other conversation has any. */
export function nextUnreadId(items: readonly { id: string; unread: number }[], current: string | null): string | null {
  const n = items.length;
  const at = current === null ? -1 : items.findIndex((i) => i.id === current);
  for (let k = 1; k <= n; k++) {
    const item = items[(at + k + n) % n]!;
    if (item.id !== current && item.unread > 0) return item.id;
  }
  return null;
}
