// The workspace's right-hand column for the open conversation: the customer's profile and the
// knowledge base's suggestions for their latest question, as two tabs. It collapses to a narrow
// rail; on narrower screens (below 1280 px) it starts collapsed and opens over the conversation.

import { useEffect, useRef, useState } from 'preact/hooks';
import { readString, writeString } from '../../shared/storage';
import { AssistPanel } from '../assist/AssistPanel';
import { useAssistT } from '../assist/messages';
import { useAssist } from '../assist/useAssist';
import type { ConversationItem, WorkspaceController, WorkspaceState } from '../controller';
import { isEditor } from '../kb/route';
import type { AgentT } from '../messages';
import { ProfilePanel } from '../profile/ProfilePanel';
import './side.css';

interface Props {
  controller: WorkspaceController;
  state: WorkspaceState;
  item: ConversationItem;
  t: AgentT;
  /** Put text at the reply box's caret. */
  onInsert: (text: string) => void;
}

type Tab = 'profile' | 'assist';
const TABS: readonly Tab[] = ['profile', 'assist'];

const OPEN_KEY = 'kefu.agent.sidePanel';
const TAB_KEY = 'kefu.agent.sideTab';
/** Below this width the panel opens over the conversation instead of beside it. */
const NARROW = '(max-width: 1279px)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const onChange = () => setMatches(mq.matches);
    onChange();
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

export function SidePanel({ controller, state, item, t, onInsert }: Props) {
  const st = useAssistT(state.lang);
  const [tab, setTabState] = useState<Tab>(() => (readString(TAB_KEY, 'session') === 'assist' ? 'assist' : 'profile'));
  const narrow = useMediaQuery(NARROW);
  const [wideOpen, setWideOpen] = useState(() => readString(OPEN_KEY) !== '0');
  // An overlay never starts open: it would cover the conversation.
  const [narrowOpen, setNarrowOpen] = useState(false);
  const open = narrow ? narrowOpen : wideOpen;
  const assist = useAssist(item.conv.id, state.transcripts[item.conv.id] ?? []);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const railRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the panel has opened or closed (set by the buttons that did it).
  const focusNext = useRef<'tab' | 'rail' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'tab') tabRefs.current[tab]?.focus();
    else if (target === 'rail') railRef.current?.focus();
  }, [open]);

  const setTab = (next: Tab) => {
    writeString(TAB_KEY, next, 'session');
    setTabState(next);
  };
  const setOpen = (next: boolean, focus: 'tab' | 'rail' | null) => {
    focusNext.current = focus;
    if (narrow) setNarrowOpen(next);
    else {
      writeString(OPEN_KEY, next ? '1' : '0');
      setWideOpen(next);
    }
  };

  const count = assist.suggestions.length;
  const label = (x: Tab) => (x === 'profile' ? st('side.tab.profile') : st('side.tab.assist'));

  if (!open) {
    return (
      <aside class="sp sp-collapsed" data-testid="side-panel" data-open="false" aria-label={st('side.label')}>
        <button
          ref={railRef}
          type="button"
          class="sp-rail-btn sp-rail-toggle"
          aria-expanded="false"
          aria-label={st('side.expand')}
          title={st('side.expand')}
          onClick={() => setOpen(true, 'tab')}
        >
          <Chevron left />
        </button>
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            class={`sp-rail-btn${x === tab ? ' is-active' : ''}`}
            aria-label={label(x)}
            title={label(x)}
            onClick={() => {
              setTab(x);
              setOpen(true, 'tab');
            }}
          >
            <TabIcon tab={x} />
            {x === 'assist' && count > 0 && (
              <span class="sp-rail-count" aria-hidden="true">
                {count}
              </span>
            )}
          </button>
        ))}
      </aside>
    );
  }

  const onTabKey = (e: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    let next: Tab | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = TABS[(at + 1) % TABS.length];
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = TABS[(at - 1 + TABS.length) % TABS.length];
    else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (!next || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <aside
      class={`sp${narrow ? ' sp-overlay' : ''}`}
      data-testid="side-panel"
      data-open="true"
      aria-label={st('side.label')}
      onKeyDown={(e) => {
        // The overlay closes like a popover.
        if (narrow && e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          setOpen(false, 'rail');
        }
      }}
    >
      <div class="sp-head">
        <div class="sp-tabs" role="tablist" aria-label={st('side.tabs')} onKeyDown={onTabKey}>
          {TABS.map((x) => (
            <button
              key={x}
              ref={(el) => {
                tabRefs.current[x] = el;
              }}
              type="button"
              role="tab"
              id={`sp-tab-${x}`}
              data-testid={`side-tab-${x}`}
              aria-selected={x === tab}
              aria-controls={`sp-panel-${x}`}
              tabIndex={x === tab ? 0 : -1}
              class={`sp-tab${x === tab ? ' is-active' : ''}`}
              onClick={() => setTab(x)}
            >
              {label(x)}
              {x === 'assist' && <TabCount n={count} />}
            </button>
          ))}
        </div>
        <button
          type="button"
          class="ws-icon-btn sp-collapse"
          aria-expanded="true"
          aria-label={st('side.collapse')}
          title={st('side.collapse')}
          onClick={() => setOpen(false, 'rail')}
        >
          <Chevron />
        </button>
      </div>
      <div id="sp-panel-profile" class="sp-body" role="tabpanel" aria-labelledby="sp-tab-profile" hidden={tab !== 'profile'}>
        <ProfilePanel controller={controller} state={state} item={item} t={t} />
      </div>
      <div id="sp-panel-assist" class="sp-body" role="tabpanel" aria-labelledby="sp-tab-assist" hidden={tab !== 'assist'}>
        <AssistPanel
          assist={assist}
          t={st}
          canInsert={item.conv.state !== 'closed'}
          onInsert={onInsert}
          canEditKb={isEditor(state.user?.role)}
        />
      </div>
    </aside>
  );
}

/** How many suggestions there are (its place is kept when none, so the tab keeps its width). */
function TabCount({ n }: { n: number }) {
  return (
    <span class={`sp-count${n > 0 ? '' : ' is-empty'}`} aria-hidden="true">
      {n}
    </span>
  );
}

function Chevron({ left = false }: { left?: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={left ? 'M10 3 5 8l5 5' : 'M6 3l5 5-5 5'} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

function TabIcon({ tab }: { tab: Tab }) {
  return tab === 'profile' ? (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <circle cx="9" cy="6" r="3.2" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M3 15.5c.8-3 3.2-4.6 6-4.6s5.2 1.6 6 4.6" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
    </svg>
  ) : (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path
        d="M9 2.2a4.8 4.8 0 0 0-2.9 8.6c.5.4.8 1 .8 1.6v.6h4.2v-.6c0-.6.3-1.2.8-1.6A4.8 4.8 0 0 0 9 2.2Z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
      />
      <path d="M7.2 15.4h3.6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
    </svg>
  );
}
