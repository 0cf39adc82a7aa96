// Hash routes of the administration pages: #/kb (entries), #/kb/categories, #/kb/import,
// #/kb/gaps and #/bot. Anything else is the workspace. Only editors (supervisors and
// administrators) get the administration; for agents every hash is the workspace.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Agent } from '../../shared/protocol';
import type { WorkspaceController } from '../controller';

export type AdminRoute = 'workspace' | 'kb-entries' | 'kb-categories' | 'kb-import' | 'kb-gaps' | 'bot';

const HASHES: Record<AdminRoute, string> = {
  workspace: '#/',
  'kb-entries': '#/kb',
  'kb-categories': '#/kb/categories',
  'kb-import': '#/kb/import',
  'kb-gaps': '#/kb/gaps',
  bot: '#/bot',
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

  const route = isEditor(role) ? parseRoute(hash) : 'workspace';
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
