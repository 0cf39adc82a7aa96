// Entry point of widget.js, the one-tag embed:
//   <script src="https://HOST/widget.js" data-tenant="demo-bank" data-queue="retail" async></script>
// Optional: data-name, data-lang, and data-identity (a verified identity the site signed for its
// signed-in customer: `<base64url payload>.<hex HMAC>`, see docs/routing.md).
// It renders into a Shadow DOM so the host page's CSS and ours never meet.

import { render } from 'preact';
import { normalizeLang } from '../shared/i18n';
import { WidgetApp } from './App';
import { WidgetController, type WidgetConfig } from './controller';
import css from './widget.css?inline';

declare global {
  interface Window {
    KefuWidget?: { open(): void; close(): void; setLanguage(lang: string): void };
  }
}

// document.currentScript is only set while this script is first executing.
const ownScript = findOwnScript();

function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Fallback (e.g. loaded by a tag manager): the last script that looks like ours.
  const candidates = document.querySelectorAll<HTMLScriptElement>('script[data-tenant][src*="widget"]');
  return candidates[candidates.length - 1] ?? null;
}

function readConfig(script: HTMLScriptElement | null): WidgetConfig | null {
  const data = script?.dataset ?? {};
  const tenant = data['tenant'];
  if (!tenant) {
    console.error('[kefu] widget.js needs a data-tenant attribute on its <script> tag');
    return null;
  }
  const origin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const config: WidgetConfig = { origin, tenant };
  if (data['queue']) config.queue = data['queue'];
  if (data['name']) config.name = data['name'];
  // A verified identity signed by the site (docs/routing.md). Only a plain token is passed on;
  // never log it.
  const identity = data['identity']?.trim();
  if (identity) {
    if (/^[A-Za-z0-9_.-]{1,2048}$/.test(identity)) config.identity = identity;
    else console.warn('[kefu] data-identity is not a valid identity token; ignored');
  }
  const lang = normalizeLang(data['lang']);
  if (lang) config.lang = lang;
  return config;
}

function mount(config: WidgetConfig): void {
  const host = document.createElement('div');
  host.setAttribute('data-kefu-widget', config.tenant);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.body.appendChild(host);

  const controller = new WidgetController(config);
  render(<WidgetApp controller={controller} />, container);
  controller.start();

  window.KefuWidget = {
    open: () => controller.setOpen(true),
    close: () => controller.setOpen(false),
    setLanguage: (lang: string) => {
      const l = normalizeLang(lang);
      if (l) controller.setLang(l);
    },
  };
}

function boot(): void {
  if (document.querySelector('[data-kefu-widget]')) return; // included twice
  const config = readConfig(ownScript);
  if (!config) return;
  if (document.body) mount(config);
  else document.addEventListener('DOMContentLoaded', () => mount(config), { once: true });
}

boot();
