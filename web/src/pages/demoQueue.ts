// The demo bank page (/demo/) embeds the widget in the queue named by ?queue= (default retail),
// so the same page shows a bot-first queue (retail) and a human-first one (cards). A verified
// identity for the widget (data-identity, docs/routing.md) may be given as ?identity=TOKEN, as a
// bank's site would for its signed-in customer. The server's Content-Security-Policy allows no
// inline script, hence this module.

const DEFAULT_QUEUE = 'retail';
/** `<base64url payload>.<hex signature>`: only such plain tokens are passed on. */
const IDENTITY_RE = /^[A-Za-z0-9_.-]{1,2048}$/;

function requestedQueue(params: URLSearchParams): string {
  const q = params.get('queue') ?? '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(q) ? q : DEFAULT_QUEUE;
}

function requestedIdentity(params: URLSearchParams): string | null {
  const token = params.get('identity');
  return token !== null && IDENTITY_RE.test(token) ? token : null;
}

/** Highlight the current queue; switching queues keeps the verified identity. */
function markCurrent(queue: string, identity: string | null): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.demo-queue a[data-queue]')) {
    const target = link.dataset['queue'] ?? '';
    if (target === queue) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
    if (identity) link.search = new URLSearchParams({ queue: target, identity }).toString();
  }
}

/** Show that the page passes a customer's identity (the name is the token's, if readable; the server checks it). */
function markIdentity(token: string): void {
  const badge = document.querySelector<HTMLElement>('[data-demo-identity]');
  if (!badge) return;
  const name = identityName(token);
  // textContent: the name is the page's input, never markup.
  badge.textContent = name ? `演示：以已登录客户「${name}」的身份咨询` : '演示：已为在线客服传入客户身份令牌';
  badge.hidden = false;
}

/** The `name` in the token's payload, for display only (the server checks the signature). */
function identityName(token: string): string | null {
  const payload = token.split('.')[0] ?? '';
  try {
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const name = (value as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 50) : null;
  } catch {
    return null;
  }
}

function embedWidget(queue: string, identity: string | null): void {
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.dataset['tenant'] = 'demo-bank';
  script.dataset['queue'] = queue;
  if (identity) script.dataset['identity'] = identity;
  document.body.appendChild(script);
}

const params = new URLSearchParams(location.search);
const queue = requestedQueue(params);
const identity = requestedIdentity(params);
markCurrent(queue, identity);
if (identity) markIdentity(identity);
embedWidget(queue, identity);
