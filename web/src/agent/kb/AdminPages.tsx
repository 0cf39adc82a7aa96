// The administration pages of the workspace for supervisors and administrators: the top-bar
// navigation (also to the live board and, for administrators, routing; those pages live in
// ../routing), the knowledge base (entries, categories, import/export, gaps) and bot settings.

import { useMemo } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { Agent } from '../../shared/protocol';
import { BotSettingsPage } from './BotSettingsPage';
import { CategoriesView } from './CategoriesView';
import { EntriesView } from './EntriesView';
import { GapsView } from './GapsView';
import { ImportExportView } from './ImportExportView';
import { kbTranslator, type KbKey, type KbT } from './messages';
import { isBoardRoute, routeHref, type AdminRoute, type KbRoute } from './route';
import './kb.css';

export function useKbT(lang: Lang): KbT {
  return useMemo(() => kbTranslator(lang), [lang]);
}

const MAIN_TABS: readonly [AdminRoute, KbKey, adminOnly: boolean][] = [
  ['workspace', 'nav.workspace', false],
  ['board', 'nav.board', false],
  ['kb-entries', 'nav.kb', false],
  ['bot', 'nav.bot', false],
  ['canned', 'nav.canned', false],
  ['classification', 'nav.classify', false],
  ['routing', 'nav.routing', true],
];

/**
 * Workspace / live board / knowledge base / bot settings (/ routing for administrators), shown in
 * the top bar to editors only.
 */
export function AdminNav({ route, lang, role }: { route: AdminRoute; lang: Lang; role: Agent['role'] | undefined }) {
  const t = useKbT(lang);
  const section = route.startsWith('kb-') ? 'kb-entries' : isBoardRoute(route) ? 'board' : route;
  const tabs = MAIN_TABS.filter(([, , adminOnly]) => !adminOnly || role === 'admin');
  return (
    <nav class="kb-nav" aria-label={t('nav.label')}>
      {tabs.map(([target, key]) => (
        <a
          key={target}
          href={routeHref(target)}
          class={`kb-nav-link${section === target ? ' is-active' : ''}`}
          aria-current={section === target ? 'page' : undefined}
        >
          {t(key)}
        </a>
      ))}
    </nav>
  );
}

const KB_TABS: readonly [KbRoute, KbKey][] = [
  ['kb-entries', 'kb.tab.entries'],
  ['kb-categories', 'kb.tab.categories'],
  ['kb-import', 'kb.tab.import'],
  ['kb-gaps', 'kb.tab.gaps'],
];

interface PagesProps {
  route: KbRoute;
  lang: Lang;
  role: Agent['role'];
}

export function AdminPages({ route, lang, role }: PagesProps) {
  const t = useKbT(lang);
  const isKb = route !== 'bot';
  return (
    <main class="kb-main" aria-labelledby="kb-page-title">
      <div class="kb-page">
        <header class="kb-page-head">
          <h1 id="kb-page-title">{isKb ? t('nav.kb') : t('nav.bot')}</h1>
          {isKb && (
            <nav class="kb-tabs" aria-label={t('kb.tabs')}>
              {KB_TABS.map(([target, key]) => (
                <a
                  key={target}
                  href={routeHref(target)}
                  class={`kb-tab${route === target ? ' is-active' : ''}`}
                  aria-current={route === target ? 'page' : undefined}
                >
                  {t(key)}
                </a>
              ))}
            </nav>
          )}
        </header>
        {route === 'kb-entries' && <EntriesView t={t} />}
        {route === 'kb-categories' && <CategoriesView t={t} />}
        {route === 'kb-import' && <ImportExportView t={t} />}
        {route === 'kb-gaps' && <GapsView t={t} lang={lang} />}
        {route === 'bot' && <BotSettingsPage t={t} isAdmin={role === 'admin'} />}
      </div>
    </main>
  );
}
