// Idempotency keys for commands. The protocol accepts 1–64 printable ASCII characters.

let counter = 0;
let lastMs = 0;

function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(buf);
  } else {
    for (let i = 0; i < bytes; i++) buf[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A fresh, globally unique command id that sorts after every id this page made before it: the
 * time in milliseconds (base 36, fixed width), a counter for ids of the same millisecond, then
 * 48 random bits. The server checks a key that sorts above its sender's stored ones without a
 * database lookup (docs/protocol.md), so increasing keys are the cheap ones.
 */
export function newCommandId(now: number = Date.now()): string {
  // A clock that steps back keeps the last time and counts on: the ids still increase.
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else {
    counter += 1;
  }
  const time = lastMs.toString(36).padStart(9, '0');
  return `${time}-${counter.toString(36).padStart(4, '0')}-${randomHex(6)}`;
}
