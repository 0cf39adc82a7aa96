// Idempotency keys for commands. The protocol accepts 1–64 printable ASCII characters.

let counter = 0;

function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(buf);
  } else {
    for (let i = 0; i < bytes; i++) buf[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh, globally unique command id (a UUID when the browser offers one). */
export function newCommandId(): string {
  // randomUUID only exists in secure contexts (https or localhost); fall back otherwise.
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID();
    } catch {
      /* fall through */
    }
  }
  counter = (counter + 1) % 0x10000;
  return `k-${Date.now().toString(36)}-${counter.toString(36)}-${randomHex(8)}`;
}
