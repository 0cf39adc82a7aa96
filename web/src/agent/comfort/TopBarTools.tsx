// Top-bar tools of the workspace: the new-message alerts switch (🔔) and the keyboard shortcuts
// help.

import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import { useStore } from '../../shared/store';
import type { WorkspaceAlerts } from './alerts';
import { modifierNames, useComfortT, type ComfortKey } from './messages';
import './comfort.css';

export function AlertToggle({ alerts, lang }: { alerts: WorkspaceAlerts; lang: Lang }) {
  const t = useComfortT(lang);
  const { enabled, permission } = useStore(alerts.store);
  let title: string;
  if (!enabled) title = t('alerts.off');
  else if (permission === 'granted') title = t('alerts.on');
  else if (permission === 'denied') title = t('alerts.onBlocked');
  else if (permission === 'unsupported') title = t('alerts.onUnsupported');
  else title = t('alerts.onSoundOnly');
  return (
    <button
      type="button"
      class={`ws-btn ws-btn-ghost cf-bell${enabled ? ' is-active' : ''}`}
      data-testid="alerts-toggle"
      aria-pressed={enabled}
      aria-label={t('alerts.label')}
      title={title}
      onClick={() => void alerts.toggle()}
    >
      <BellIcon muted={!enabled} />
      {enabled && permission !== 'granted' && <span class="cf-bell-dot" aria-hidden="true" />}
    </button>
  );
}

/** The shortcuts of the workspace by where they work: keys and what they do. */
function shortcuts(): { group: ComfortKey; items: { keys: string[]; what: ComfortKey }[] }[] {
  const m = modifierNames();
  return [
    {
      group: 'keys.group.chats',
      items: [
        { keys: [m.alt, '↓'], what: 'keys.next' },
        { keys: [m.alt, '↑'], what: 'keys.prev' },
        { keys: [m.alt, m.shift, '↓'], what: 'keys.nextUnread' },
      ],
    },
    {
      group: 'keys.group.search',
      items: [
        { keys: [m.ctrl, 'F'], what: 'keys.search' },
        { keys: ['Enter'], what: 'keys.searchNext' },
        { keys: [m.shift, 'Enter'], what: 'keys.searchPrev' },
      ],
    },
    {
      group: 'keys.group.reply',
      items: [
        { keys: ['Enter'], what: 'keys.send' },
        { keys: [m.shift, 'Enter'], what: 'keys.newline' },
        { keys: ['/'], what: 'keys.canned' },
      ],
    },
  ];
}

export function ShortcutHelp({ lang }: { lang: Lang }) {
  const t = useComfortT(lang);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [open]);

  return (
    <div
      class="cf-help"
      ref={rootRef}
      onKeyDown={(e) => {
        if (open && e.key === 'Escape') {
          e.preventDefault();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        class="ws-btn ws-btn-ghost cf-help-btn"
        aria-expanded={open}
        aria-controls="cf-help-pop"
        aria-label={t('keys.button')}
        title={t('keys.title')}
        onClick={() => setOpen(!open)}
      >
        <KeyboardIcon />
      </button>
      {open && (
        <div id="cf-help-pop" class="cf-help-pop" role="region" aria-label={t('keys.title')}>
          <div class="cf-help-head">
            <h2>{t('keys.title')}</h2>
            <button
              type="button"
              class="ws-icon-btn"
              aria-label={t('keys.close')}
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
            >
              ×
            </button>
          </div>
          {shortcuts().map((g) => (
            <section key={g.group} class="cf-help-group">
              <h3>{t(g.group)}</h3>
              <dl class="cf-help-list">
                {g.items.map((s) => (
                  <div key={s.what} class="cf-help-row">
                    <dt>
                      {s.keys.map((k, i) => (
                        <Fragment key={i}>
                          {i > 0 && <span class="cf-plus">+</span>}
                          <kbd>{k}</kbd>
                        </Fragment>
                      ))}
                    </dt>
                    <dd>{t(s.what)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path
        d="M4.5 12.5V8.2a4.5 4.5 0 0 1 9 0v4.3l1.2 1.3H3.3l1.2-1.3Z"
        fill={muted ? 'none' : 'currentColor'}
        fill-opacity="0.15"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
      />
      <path d="M7.3 15.3a1.8 1.8 0 0 0 3.4 0" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
      {muted && <path d="M3 3l12 12" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />}
    </svg>
  );
}

function KeyboardIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <rect x="1.8" y="4.5" width="14.4" height="9" rx="1.8" fill="none" stroke="currentColor" stroke-width="1.4" />
      <path
        d="M4.6 7.3h.1M7.1 7.3h.1M9.6 7.3h.1M12.1 7.3h.1M4.6 9.6h.1M13.3 9.6h.1M6.8 11.3h4.4"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linecap="round"
      />
    </svg>
  );
}
