// Keyboard helpers shared by the composers.

/**
 * True for an Enter that should send: no Shift (newline), no modifier, and not the
 * Enter that confirms an IME composition (pinyin, zhuyin…), which must never send.
 */
export function isSendEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
  // keyCode 229 is what browsers report while an IME is processing the key.
  return !e.isComposing && e.keyCode !== 229;
}
