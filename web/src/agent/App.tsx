// Root of the agent workspace: login form or the workspace itself.

import { useEffect, useMemo } from 'preact/hooks';
import { useStore } from '../shared/store';
import type { WorkspaceController } from './controller';
import { Login } from './Login';
import { agentTranslator } from './messages';
import { Workspace } from './Workspace';

export function App({ controller }: { controller: WorkspaceController }) {
  const state = useStore(controller.store);
  const t = useMemo(() => agentTranslator(state.lang), [state.lang]);

  const totalUnread = state.items.reduce((n, i) => n + i.unread, 0);
  useEffect(() => {
    document.documentElement.lang = state.lang;
    document.title = totalUnread > 0 ? `(${totalUnread}) ${t('app.title')}` : t('app.title');
  }, [state.lang, totalUnread, t]);

  if (state.phase === 'checking') {
    return (
      <div class="ws-loading" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (state.phase === 'login') return <Login controller={controller} state={state} t={t} />;
  return <Workspace controller={controller} state={state} t={t} />;
}
