// Hash routes of the administration pages: #/kb (entries), #/kb/categories, #/kb/import,
// #/kb/gaps, #/bot, the supervisors' live board #/board (and #/board/messages, left messages)
// and the routing administration #/routing. Anything else is the workspace. Only editors
// (supervisors and administrators) get the administration, and only administrators the routing
// page; for anyone else those hashes are the workspace. #/canned manages the team's canned replies
// (../canned). #/classification edits the inquiry classification tree and settings (../classify).

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Agent } from '../../shared/protocol';
import type { WorkspaceController } from '../controller';

export type KbRoute = 'kb-entries' | 'kb-categories' | 'kb-import' | 'kb-gaps' | 'bot';
export type BoardRoute = 'board' | 'board-messages';
export type AdminRoute = 'workspace' | KbRoute | BoardRoute | 'routing' | 'canned' | 'classification';

const HASHES: Record<AdminRoute, string> = {
  workspace: '#/',
  'kb-entries': '#/kb',
  'kb-categories': '#/kb/categories',
  'kb-import': '#/kb/import',
  'kb-gaps': '#/kb/gaps',
  bot: '#/bot',
  board: '#/board',
  'board-messages': '#/board/messages',
  routing: '#/routing',
  canned: '#/canned',
  classification: '#/classification',
};

export function routeHref(route: AdminRoute): string {
  return HASHES[route];
}

export function parseRoute(hash: string): AdminRoute {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  for (const [route, h] of Object.entries(HASHES) as [AdminRoute, string][]) {
    if (route !== 'workspace' && h === `#${path}`) return route;
  }
  return 'workspace';
}

/** Supervisors and administrators edit the knowledge base; only administrators save bot settings. */
export function isEditor(role: Agent['role'] | undefined): boolean {
  return role === 'supervisor' || role === 'admin';
}

export function isKbRoute(route: AdminRoute): route is KbRoute {
  return route.startsWith('kb-') || route === 'bot';
}

export function isBoardRoute(route: AdminRoute): route is BoardRoute {
  return route === 'board' || route === 'board-messages';
}

/** The page a role gets for a hash: the workspace for anything it may not see. */
export function routeFor(hash: string, role: Agent['role'] | undefined): AdminRoute {
  if (!isEditor(role)) return 'workspace';
  const route = parseRoute(hash);
  if (route === 'routing' && role !== 'admin') return 'workspace';
  return route;
}

/**
 * The current page. The live connection stays with the controller, so it keeps running on the
 * administration pages; while they are shown no conversation is selected (the server must not
 * be told that messages nobody sees were read), and the selection comes back on return.
 */
export function useAdminRoute(controller: WorkspaceController, role: Agent['role'] | undefined): AdminRoute {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const route = routeFor(hash, role);
  const inWorkspace = route === 'workspace';
  const savedSelection = useRef<string | null>(null);
  useEffect(() => {
    const { selectedId, items } = controller.store.get();
    if (!inWorkspace) {
      if (selectedId) {
        savedSelection.current = selectedId;
        controller.select(null);
      }
    } else if (savedSelection.current) {
      const id = savedSelection.current;
      savedSelection.current = null;
      if (selectedId === null && items.some((i) => i.conv.id === id)) controller.select(id);
    }
  }, [controller, inWorkspace]);
  return route;
}
