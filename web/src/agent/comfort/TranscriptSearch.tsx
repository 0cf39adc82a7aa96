// Search in the open conversation: a bar under the pane's header (its button, or Ctrl/⌘+F while
// the focus is in the workspace) highlights every match in the messages, shows "2 / 5", and
// Enter / Shift+Enter move to the next / previous match; Esc closes it and clears the marks.
// Matches are rendered as <mark> elements around split text (never as HTML).

import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { OutgoingMessage } from '../../shared/outgoing';
import type { KefuEvent } from '../../shared/protocol';
import { findMatches, splitByRanges, type Range } from './match';
import { modifierNames, useComfortT } from './messages';
import './comfort.css';

/** A message's place in the transcript: its seq, or the id of a reply still being sent. */
export type TextKey = number | string;

interface Highlights {
  /** Per message: the index of its first match among all, and its matches. */
  ranges: ReadonlyMap<TextKey, { base: number; list: readonly Range[] }>;
  /** The index of the current match, -1 for none. */
  current: number;
}

export interface TranscriptSearch extends Highlights {
  open: boolean;
  query: string;
  total: number;
  show: () => void;
  close: () => void;
  setQuery: (q: string) => void;
  step: (dir: 1 | -1) => void;
  inputRef: { current: HTMLInputElement | null };
  buttonRef: { current: HTMLButtonElement | null };
  barId: string;
}

const NO_HIGHLIGHTS: Highlights = { ranges: new Map(), current: -1 };
const HighlightContext = createContext<Highlights>(NO_HIGHLIGHTS);

/** The search state of one conversation's transcript (the pane is remounted per conversation). */
export function useTranscriptSearch(
  conversationId: string,
  events: readonly KefuEvent[],
  outgoing: readonly OutgoingMessage[],
): TranscriptSearch {
  const [open, setOpen] = useState(false);
  const [query, setQueryState] = useState('');
  const [current, setCurrent] = useState(0);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const buttonRef = useRef<HTMLButtonElement | null>(null);
  // Where the focus was before the bar opened: it goes back there on Esc.
  const returnTo = useRef<HTMLElement | null>(null);

  const { ranges, total } = useMemo(() => {
    if (!open || query.trim() === '') return { ranges: NO_HIGHLIGHTS.ranges, total: 0 };
    const map = new Map<TextKey, { base: number; list: Range[] }>();
    let count = 0;
    const add = (key: TextKey, text: string) => {
      const list = findMatches(text, query);
      if (list.length === 0) return;
      map.set(key, { base: count, list });
      count += list.length;
    };
    for (const ev of events) if (ev.kind === 'message') add(ev.seq, ev.text);
    for (const m of outgoing) add(m.id, m.text);
    return { ranges: map, total: count };
  }, [events, outgoing, query, open]);

  const at = total === 0 ? -1 : Math.min(current, total - 1);

  const show = () => {
    if (!open) {
      const active = document.activeElement;
      returnTo.current = active instanceof HTMLElement && active !== document.body ? active : null;
      setOpen(true);
    }
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  };
  const close = () => {
    setOpen(false);
    setQueryState('');
    setCurrent(0);
    const back = returnTo.current;
    returnTo.current = null;
    requestAnimationFrame(() => (back?.isConnected ? back : buttonRef.current)?.focus());
  };

  // Ctrl/⌘+F while the focus is in the workspace searches the open conversation instead of the page.
  const showRef = useRef(show);
  showRef.current = show;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'f') return;
      const target = e.target instanceof Element ? e.target : null;
      if (target && target !== document.body && !target.closest('.ws-app')) return;
      if (target?.closest('dialog, [role="dialog"]')) return;
      e.preventDefault();
      showRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [conversationId]);

  // Bring the current match into view when it changes.
  useEffect(() => {
    if (!open || at < 0) return;
    const pane = inputRef.current?.closest('.ws-pane');
    pane?.querySelector('mark[data-current="true"]')?.scrollIntoView({ block: 'center' });
  }, [open, query, at]);

  return {
    open,
    query,
    total,
    ranges,
    current: at,
    show,
    close,
    setQuery: (q) => {
      setQueryState(q);
      setCurrent(0);
    },
    step: (dir) => {
      if (total === 0) return;
      setCurrent(((at < 0 ? 0 : at) + dir + total) % total);
    },
    inputRef,
    buttonRef,
    barId: `cf-search-${conversationId}`,
  };
}

/** The header's search button. */
export function SearchButton({ search, lang }: { search: TranscriptSearch; lang: Lang }) {
  const t = useComfortT(lang);
  const m = modifierNames();
  return (
    <button
      ref={search.buttonRef}
      type="button"
      class={`ws-btn cf-search-btn${search.open ? ' is-active' : ''}`}
      data-testid="search-open"
      aria-label={t('search.open')}
      aria-expanded={search.open}
      aria-controls={search.open ? search.barId : undefined}
      aria-keyshortcuts="Control+F Meta+F"
      title={`${t('search.open')} (${m.ctrl}+F)`}
      onClick={() => (search.open ? search.close() : search.show())}
    >
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="7" cy="7" r="4.6" fill="none" stroke="currentColor" stroke-width="1.6" />
        <path d="m10.5 10.5 3.6 3.6" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
      </svg>
    </button>
  );
}

/** The search bar, under the header while searching. */
export function SearchBar({ search, lang }: { search: TranscriptSearch; lang: Lang }) {
  const t = useComfortT(lang);
  if (!search.open) return null;
  const searching = search.query.trim() !== '';
  const none = searching && search.total === 0;
  return (
    <div class="cf-search" id={search.barId} role="search" data-testid="search-bar">
      <input
        ref={search.inputRef}
        type="search"
        class={`cf-search-input${none ? ' is-none' : ''}`}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={search.query}
        enterKeyHint="search"
        onInput={(e) => search.setQuery((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            search.close();
            return;
          }
          // Not the Enter that confirms an input method's composition (pinyin, zhuyin…).
          if (e.key === 'Enter' && !e.isComposing && e.keyCode !== 229) {
            e.preventDefault();
            search.step(e.shiftKey ? -1 : 1);
          }
        }}
      />
      <span class="cf-search-count" data-testid="search-count" role="status">
        {!searching ? '' : none ? t('search.none') : t('search.count', { current: search.current + 1, total: search.total })}
      </span>
      <button
        type="button"
        class="ws-icon-btn cf-search-step"
        aria-label={t('search.prev')}
        title={`${t('search.prev')} (Shift+Enter)`}
        disabled={search.total === 0}
        onClick={() => search.step(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="ws-icon-btn cf-search-step"
        aria-label={t('search.next')}
        title={`${t('search.next')} (Enter)`}
        disabled={search.total === 0}
        onClick={() => search.step(1)}
      >
        ↓
      </button>
      <button type="button" class="ws-icon-btn" aria-label={t('search.close')} title={`${t('search.close')} (Esc)`} onClick={search.close}>
        ×
      </button>
    </div>
  );
}

/** Makes the search's matches visible to the <Hl> texts inside. */
export function HighlightScope({ search, children }: { search: TranscriptSearch; children: ComponentChildren }) {
  const value = useMemo<Highlights>(() => ({ ranges: search.ranges, current: search.current }), [search.ranges, search.current]);
  return <HighlightContext.Provider value={value}>{children}</HighlightContext.Provider>;
}

/** A message text with the search's matches marked (`k`: the message's seq or pending id). */
export function Hl({ k, text }: { k: TextKey; text: string }) {
  const { ranges, current } = useContext(HighlightContext);
  const found = ranges.get(k);
  if (!found) return <>{text}</>;
  return (
    <>
      {splitByRanges(text, found.list).map((part, i) =>
        part.match === null ? (
          part.text
        ) : (
          <mark
            key={i}
            class={`ws-hl${found.base + part.match === current ? ' is-current' : ''}`}
            data-current={found.base + part.match === current ? 'true' : undefined}
          >
            {part.text}
          </mark>
        ),
      )}
    </>
  );
}
