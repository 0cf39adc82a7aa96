// The demo bank page (/demo/) embeds the widget in the queue named by ?queue= (default retail),
// so the same page shows a bot-first queue (retail) and a human-first one (cards). The server's
// Content-Security-Policy allows no inline script, hence this module.

const DEFAULT_QUEUE = 'retail';

function requestedQueue(): string {
  const q = new URLSearchParams(location.search).get('queue') ?? '';
  return /^[A-Za-z0-9_-]{1,64}$/.test(q) ? q : DEFAULT_QUEUE;
}

function markCurrent(queue: string): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.demo-queue a[data-queue]')) {
    if (link.dataset['queue'] === queue) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function embedWidget(queue: string): void {
  const script = document.createElement('script');
  script.src = '/widget.js';
  script.async = true;
  script.dataset['tenant'] = 'demo-bank';
  script.dataset['queue'] = queue;
  document.body.appendChild(script);
}

const queue = requestedQueue();
markCurrent(queue);
embedWidget(queue);
