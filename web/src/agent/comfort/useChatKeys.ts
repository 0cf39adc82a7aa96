// Moving between conversations from anywhere in the workspace, the reply box included:
// Alt+↓ / Alt+↑ the next / previous one in list order, Alt+Shift+↓ the next with unread messages.
// Focus follows where it was: in the reply box it lands in the new chat's reply box, in the list
// on the new list entry.

import { useEffect, useRef } from 'preact/hooks';
import type { WorkspaceState } from '../controller';
import { adjacentId, nextUnreadId } from './nav';

/** `open(id, focusReply)`: select a conversation, optionally with the caret in its reply box. */
export function useChatKeys(state: WorkspaceState, open: (id: string, focusReply: boolean) => void, active: boolean): void {
  // The listener is installed once; it reads the latest values from here.
  const latest = useRef({ state, open, active });
  latest.current = { state, open, active };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { state: s, open: openChat, active: on } = latest.current;
      if (!on || !e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const target = e.target instanceof Element ? e.target : null;
      // Not from inside a dialog (transfer, classification…): it keeps the keyboard.
      if (target?.closest('dialog, [role="dialog"]')) return;
      let id: string | null;
      if (e.shiftKey) {
        if (e.key !== 'ArrowDown') return;
        id = nextUnreadId(
          s.items.map((i) => ({ id: i.conv.id, unread: i.unread })),
          s.selectedId,
        );
      } else {
        id = adjacentId(
          s.items.map((i) => i.conv.id),
          s.selectedId,
          e.key === 'ArrowDown' ? 1 : -1,
        );
      }
      // Handled here, before the reply box (whose ↑/↓ move in the "/code" popup) sees it.
      e.preventDefault();
      e.stopPropagation();
      if (!id || id === s.selectedId) return;
      const fromList = !!target?.closest('.ws-list');
      const fromReply = !!target?.closest('.ws-composer');
      openChat(id, fromReply);
      requestAnimationFrame(() => {
        const entry = document.querySelector<HTMLElement>(`.ws-list [data-conversation="${CSS.escape(id)}"]`);
        entry?.scrollIntoView({ block: 'nearest' });
        if (fromList) entry?.focus();
      });
    };
    // Capture: before the focused element's own handlers.
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
}
