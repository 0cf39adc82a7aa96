// #/classification: supervisors and administrators edit the tenant's inquiry classification tree
// (names, order, enabled, up to 4 levels) and its settings (required on close, the repeat-contact
// window). The tree is saved as a whole; the server keeps nodes past chats used (disabled).

import { useEffect, useId, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { Agent } from '../../shared/protocol';
import { useKbT } from '../kb/AdminPages';
import { ErrorLine, Notice } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import type { AgentT } from '../messages';
import { classifyApi, type ClassificationNode, type ClassificationSettings } from './api';
import type { ClassifyService } from './service';
import './classify.css';

const MAX_DEPTH = 4;

interface Props {
  lang: Lang;
  t: AgentT;
  role: Agent['role'];
  service: ClassifyService;
}

/** Siblings of `parent`, by order. */
function childrenOf(nodes: readonly ClassificationNode[], parent: string | null): ClassificationNode[] {
  return nodes.filter((n) => (n.parent ?? null) === parent).sort((a, b) => a.order - b.order);
}

/** Every node with its depth (1 = top level), parents before children. */
function flatten(nodes: readonly ClassificationNode[]): { node: ClassificationNode; depth: number }[] {
  const out: { node: ClassificationNode; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    if (depth > MAX_DEPTH + 2) return;
    for (const node of childrenOf(nodes, parent)) {
      out.push({ node, depth });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 1);
  return out;
}

function newId(): string {
  return `n_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function ClassificationPage({ lang, t, role, service }: Props) {
  const kbT = useKbT(lang);
  const editor = role === 'supervisor' || role === 'admin';
  const id = useId();
  const [nodes, setNodes] = useState<ClassificationNode[] | null>(null);
  const [settings, setSettings] = useState<ClassificationSettings | null>(null);
  const [required, setRequired] = useState(false);
  const [windowHours, setWindowHours] = useState('48');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([classifyApi.tree(), classifyApi.settings()]).then(
      ([tree, s]) => {
        setNodes(tree);
        setSettings(s);
        setRequired(s.required);
        setWindowHours(String(s.repeat_window_hours));
      },
      (e: unknown) => setError(errorText(e, kbT)),
    );
  }, []);

  const change = (next: ClassificationNode[]) => {
    setNodes(next);
    setDirty(true);
    setNotice(null);
  };
  const rename = (nodeId: string, name: string) => change((nodes ?? []).map((n) => (n.id === nodeId ? { ...n, name } : n)));
  const toggle = (nodeId: string) =>
    change((nodes ?? []).map((n) => (n.id === nodeId ? { ...n, enabled: !n.enabled } : n)));
  const add = (parent: string | null) => {
    const siblings = childrenOf(nodes ?? [], parent);
    const order = siblings.length === 0 ? 0 : Math.max(...siblings.map((s) => s.order)) + 1;
    change([...(nodes ?? []), { id: newId(), parent, name: t('classifyAdmin.newName'), order, enabled: true }]);
  };
  const remove = (nodeId: string) => {
    const gone = new Set([nodeId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const n of nodes ?? []) {
        if (n.parent && gone.has(n.parent) && !gone.has(n.id)) {
          gone.add(n.id);
          grew = true;
        }
      }
    }
    change((nodes ?? []).filter((n) => !gone.has(n.id)));
  };
  const move = (node: ClassificationNode, delta: -1 | 1) => {
    const siblings = childrenOf(nodes ?? [], node.parent ?? null);
    const at = siblings.findIndex((s) => s.id === node.id);
    const other = siblings[at + delta];
    if (!other) return;
    change(
      (nodes ?? []).map((n) =>
        n.id === node.id ? { ...n, order: other.order } : n.id === other.id ? { ...n, order: node.order } : n,
      ),
    );
  };

  const saveTree = async () => {
    if (!nodes) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await classifyApi.saveTree(flatten(nodes).map(({ node }) => node));
      setNodes(saved);
      setDirty(false);
      setNotice(t('classifyAdmin.saved'));
      void service.refresh();
    } catch (e) {
      setError(errorText(e, kbT));
    } finally {
      setBusy(false);
    }
  };

  const saveSettings = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await classifyApi.saveSettings({ required, repeat_window_hours: Number(windowHours) });
      setSettings(saved);
      setNotice(t('classifyAdmin.saved'));
      void service.refresh();
    } catch (err) {
      setError(errorText(err, kbT));
    } finally {
      setBusy(false);
    }
  };

  const rows = flatten(nodes ?? []);
  return (
    <main class="kb-main" aria-labelledby={`${id}-title`}>
      <div class="kb-page">
        <header class="kb-page-head">
          <h1 id={`${id}-title`}>{t('classifyAdmin.title')}</h1>
        </header>
        <p class="ws-muted">{t('classifyAdmin.help')}</p>
        {!editor && <p class="ws-muted">{t('classifyAdmin.readOnly')}</p>}
        <Notice text={notice} t={kbT} onDismiss={() => setNotice(null)} />
        <ErrorLine text={error} />

        <section class="cl-admin-section" aria-labelledby={`${id}-settings`}>
          <h2 id={`${id}-settings`}>{t('classifyAdmin.settings')}</h2>
          {settings && (
            <form class="kb-form cl-settings" onSubmit={(e) => void saveSettings(e)} noValidate>
              <label class="cl-check">
                <input
                  type="checkbox"
                  checked={required}
                  disabled={!editor}
                  onChange={(e) => setRequired((e.currentTarget as HTMLInputElement).checked)}
                />
                {t('classifyAdmin.required')}
              </label>
              <div class="kb-field">
                <label for={`${id}-window`}>{t('classifyAdmin.window')}</label>
                <input
                  id={`${id}-window`}
                  type="number"
                  min={1}
                  max={720}
                  value={windowHours}
                  disabled={!editor}
                  aria-describedby={`${id}-window-hint`}
                  onInput={(e) => setWindowHours((e.currentTarget as HTMLInputElement).value)}
                />
                <small id={`${id}-window-hint`} class="ws-muted">
                  {t('classifyAdmin.windowHint')}
                </small>
              </div>
              {editor && (
                <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
                  {t('classifyAdmin.saveSettings')}
                </button>
              )}
            </form>
          )}
        </section>

        <section class="cl-admin-section" aria-labelledby={`${id}-tree`}>
          <h2 id={`${id}-tree`}>{t('classifyAdmin.tree')}</h2>
          <div class="cl-tree-toolbar">
            <span class="ws-muted">{t('classifyAdmin.count', { n: rows.length })}</span>
            {dirty && <span class="cl-closed-required">{t('classifyAdmin.unsaved')}</span>}
            {editor && (
              <>
                <button type="button" class="ws-btn" disabled={busy || !nodes} onClick={() => add(null)}>
                  {t('classifyAdmin.addRoot')}
                </button>
                <button type="button" class="ws-btn ws-btn-primary" disabled={busy || !nodes || !dirty} onClick={() => void saveTree()}>
                  {t('classifyAdmin.saveTree')}
                </button>
              </>
            )}
          </div>
          {nodes && rows.length === 0 && <p class="ws-muted">{t('classifyAdmin.empty')}</p>}
          <ul class="cl-tree" aria-label={t('classifyAdmin.tree')}>
            {rows.map(({ node, depth }) => (
              <li
                key={node.id}
                class={`cl-tree-row${node.enabled ? '' : ' is-disabled'}`}
                style={{ paddingLeft: `${(depth - 1) * 28}px` }}
                data-depth={depth}
              >
                <input
                  type="text"
                  value={node.name}
                  maxLength={50}
                  disabled={!editor}
                  aria-label={`${t('classifyAdmin.name')}（${t('classifyAdmin.level', { n: depth })}）`}
                  onInput={(e) => rename(node.id, (e.currentTarget as HTMLInputElement).value)}
                />
                <label class="cl-check">
                  <input type="checkbox" checked={node.enabled} disabled={!editor} onChange={() => toggle(node.id)} />
                  {t('classifyAdmin.enabled')}
                </label>
                {editor && (
                  <span class="cl-tree-actions">
                    <button type="button" class="ws-btn kb-btn-sm" onClick={() => move(node, -1)} aria-label={`${t('classifyAdmin.up')} ${node.name}`}>
                      ↑
                    </button>
                    <button type="button" class="ws-btn kb-btn-sm" onClick={() => move(node, 1)} aria-label={`${t('classifyAdmin.down')} ${node.name}`}>
                      ↓
                    </button>
                    {depth < MAX_DEPTH && (
                      <button type="button" class="ws-btn kb-btn-sm" onClick={() => add(node.id)}>
                        {t('classifyAdmin.addChild')}
                      </button>
                    )}
                    <button type="button" class="ws-btn kb-btn-sm kb-btn-danger" onClick={() => remove(node.id)}>
                      {t('classifyAdmin.remove')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
