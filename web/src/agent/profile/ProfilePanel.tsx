// The customer profile tab of the workspace's side panel: who the customer is (from the
// enterprise's verified identity or edited by agents) and their previous conversations, each
// one click away from its transcript.
//
// Loaded from GET /api/visitors/{id}/profile when the selected conversation changes, and again
// when it closes or gets classified (its classification and summary then show in the history).
// Everything the customer or the enterprise's site wrote is rendered as text nodes.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import { ApiError } from '../api';
import type { ConversationItem, WorkspaceController, WorkspaceState } from '../controller';
import type { AgentT } from '../messages';
import { profileApi, type CustomerProfile, type HistoryConversation, type ProfileData, type ProfilePatch } from './api';
import { failureText, formatDateTime, pathText, stateLabel } from './format';
import { useProfileT, type ProfileT } from './messages';
import { ProfileForm } from './ProfileForm';
import { TranscriptDialog } from './TranscriptDialog';
import './profile.css';

export interface ProfilePanelProps {
  controller: WorkspaceController;
  state: WorkspaceState;
  /** The conversation open in the pane. */
  item: ConversationItem;
  t: AgentT;
}

/** The server lists at most this many conversations. */
const HISTORY_LIMIT = 20;
/** How long 「已保存」 stays after a save. */
const SAVED_MS = 8_000;

export function ProfilePanel({ controller, state, item, t }: ProfilePanelProps) {
  const pt = useProfileT(state.lang);
  // A different customer starts afresh (no editor or dialog carried over).
  return <ProfileBody key={item.conv.visitor.id} controller={controller} lang={state.lang} item={item} t={t} pt={pt} />;
}

interface BodyProps {
  controller: WorkspaceController;
  lang: Lang;
  item: ConversationItem;
  t: AgentT;
  pt: ProfileT;
}

type LoadFailure = { kind: 'forbidden' | 'notFound' | 'other'; message: string };

function ProfileBody({ controller, lang, item, t, pt }: BodyProps) {
  const { conv } = item;
  const visitorId = conv.visitor.id;
  const closed = conv.state === 'closed';
  const [data, setData] = useState<ProfileData | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  // The conversation ended and the server no longer shows this profile to us: what we have is
  // kept, read-only.
  const [stale, setStale] = useState(false);
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [opened, setOpened] = useState<HistoryConversation | null>(null);
  const requestNo = useRef(0);
  const hasData = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const savedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(savedTimer.current), []);

  // Re-read when the conversation changes, when it closes and when it gets classified.
  useEffect(() => {
    const no = ++requestNo.current;
    setLoading(true);
    profileApi.get(visitorId).then(
      (fresh) => {
        if (no !== requestNo.current) return;
        hasData.current = true;
        setData(fresh);
        setFailure(null);
        setStale(false);
        setLoading(false);
      },
      (e: unknown) => {
        if (no !== requestNo.current) return;
        setLoading(false);
        const status = e instanceof ApiError ? e.status : -1;
        if (hasData.current && closed && status === 403) {
          // Any edit under way stays: its save then shows the server's answer.
          setStale(true);
          setFailure(null);
          return;
        }
        const kind = status === 403 ? 'forbidden' : status === 404 ? 'notFound' : 'other';
        setFailure({ kind, message: failureText(e, pt) });
      },
    );
  }, [visitorId, conv.id, closed, conv.classified, reload]);

  const save = async (patch: ProfilePatch): Promise<void> => {
    const profile = await profileApi.update(visitorId, patch, controller.csrfToken());
    setData((d) => (d ? { ...d, profile } : d));
    setEditing(false);
    setSaved(true);
    clearTimeout(savedTimer.current);
    savedTimer.current = setTimeout(() => setSaved(false), SAVED_MS);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const retry = () => setReload((n) => n + 1);

  if (!data) {
    return (
      <section class="pf-panel" data-testid="profile-panel" aria-label={pt('panel.label')} aria-busy={loading}>
        {failure && !loading ? (
          <div class="pf-failure" role="alert" data-testid="profile-load-error">
            <p>
              {failure.kind === 'forbidden'
                ? pt('panel.forbidden')
                : failure.kind === 'notFound'
                  ? pt('panel.notFound')
                  : pt('panel.error', { message: failure.message })}
            </p>
            <button type="button" class="ws-btn kb-btn-sm" onClick={retry}>
              {pt('panel.retry')}
            </button>
          </div>
        ) : (
          <ProfileSkeleton pt={pt} />
        )}
      </section>
    );
  }

  const { profile, conversations } = data;
  return (
    <section
      class="pf-panel"
      data-testid="profile-panel"
      data-visitor={profile.id}
      aria-label={pt('panel.label')}
      aria-busy={loading}
    >
      <ProfileHeader
        profile={profile}
        pt={pt}
        canEdit={!editing && !stale}
        editButton={editButton}
        onEdit={() => {
          setSaved(false);
          setEditing(true);
        }}
      />
      {stale && (
        <p class="pf-stale" role="status">
          {pt('panel.stale')}
        </p>
      )}
      {failure && (
        <div class="pf-refresh-error" role="alert" data-testid="profile-load-error">
          <span>{pt('panel.error', { message: failure.message })}</span>
          <button type="button" class="ws-link-btn" onClick={retry}>
            {pt('panel.retry')}
          </button>
        </div>
      )}
      {editing ? (
        <ProfileForm
          profile={profile}
          pt={pt}
          onSave={save}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <ProfileDetails profile={profile} lang={lang} pt={pt} saved={saved} />
      )}
      <History
        conversations={conversations}
        currentId={conv.id}
        lang={lang}
        pt={pt}
        loading={loading}
        onRefresh={retry}
        onOpen={setOpened}
      />
      {opened && (
        <TranscriptDialog
          conversation={opened}
          current={opened.id === conv.id}
          lang={lang}
          t={t}
          pt={pt}
          onClose={() => setOpened(null)}
        />
      )}
    </section>
  );
}

function ProfileSkeleton({ pt }: { pt: ProfileT }) {
  return (
    <div class="pf-skeleton" role="status">
      <span class="ws-visually-hidden">{pt('panel.loading')}</span>
      <div class="pf-skel-head" aria-hidden="true">
        <span class="pf-skel-avatar" />
        <span class="pf-skel-line pf-skel-wide" />
      </div>
      <span class="pf-skel-line" aria-hidden="true" />
      <span class="pf-skel-line pf-skel-short" aria-hidden="true" />
      <span class="pf-skel-line" aria-hidden="true" />
    </div>
  );
}

// -- the card ----------------------------------------------------------------------------

interface HeaderProps {
  profile: CustomerProfile;
  pt: ProfileT;
  canEdit: boolean;
  editButton: { current: HTMLButtonElement | null };
  onEdit: () => void;
}

function ProfileHeader({ profile, pt, canEdit, editButton, onEdit }: HeaderProps) {
  const initial = [...profile.name.trim()][0] ?? '?';
  return (
    <header class="pf-head">
      <span class={`pf-avatar${profile.verified ? ' is-verified' : ''}`} aria-hidden="true">
        {initial}
      </span>
      <div class="pf-ident">
        <h3 class="pf-name" data-testid="profile-name">
          {profile.name}
        </h3>
        <div class="pf-badges">
          {profile.vip > 0 && (
            <span class="pf-badge pf-badge-vip" data-testid="profile-vip" title={pt('badge.vipTitle', { n: profile.vip })}>
              {pt('badge.vip', { n: profile.vip })}
            </span>
          )}
          {profile.verified ? (
            <span
              class="pf-badge pf-badge-verified"
              data-testid="profile-verified"
              title={pt('badge.verifiedTitle', { id: profile.user_id ?? '' })}
            >
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                <path d="M6.5 11.2 3.3 8l1.1-1.1 2.1 2.1 5.1-5.1L12.7 5z" fill="currentColor" />
              </svg>
              {pt('badge.verified')}
            </span>
          ) : (
            <span class="pf-badge pf-badge-anon" title={pt('badge.unverifiedTitle')}>
              {pt('badge.unverified')}
            </span>
          )}
        </div>
      </div>
      {canEdit && (
        <button
          ref={editButton}
          type="button"
          class="ws-btn kb-btn-sm pf-edit"
          data-testid="profile-edit"
          aria-label={pt('editLabel')}
          onClick={onEdit}
        >
          {pt('edit')}
        </button>
      )}
    </header>
  );
}

interface DetailsProps {
  profile: CustomerProfile;
  lang: Lang;
  pt: ProfileT;
  saved: boolean;
}

function ProfileDetails({ profile, lang, pt, saved }: DetailsProps) {
  return (
    <div class="pf-details">
      <dl class="pf-contact">
        <ContactRow testId="profile-phone" label={pt('field.phone')} value={profile.phone} href={telHref(profile.phone)} pt={pt} />
        <ContactRow
          testId="profile-email"
          label={pt('field.email')}
          value={profile.email}
          href={profile.email ? `mailto:${profile.email}` : null}
          pt={pt}
        />
        {profile.verified && profile.user_id && (
          <ContactRow testId="profile-user-id" label={pt('field.userId')} value={profile.user_id} href={null} pt={pt} />
        )}
      </dl>

      <div class="pf-block" data-testid="profile-tags">
        <h4 class="pf-label">{pt('field.tags')}</h4>
        {profile.tags.length > 0 ? (
          <ul class="pf-chips" aria-label={pt('field.tags')}>
            {profile.tags.map((tag) => (
              <li key={tag} class="pf-chip">
                {tag}
              </li>
            ))}
          </ul>
        ) : (
          <p class="pf-empty">{pt('empty.tags')}</p>
        )}
      </div>

      <div class="pf-block">
        <h4 class="pf-label">{pt('field.attributes')}</h4>
        {profile.attributes.length > 0 ? (
          <dl class="pf-attrs" data-testid="profile-attrs">
            {profile.attributes.map((a) => (
              <div key={a.key} class="pf-attr">
                <dt>{a.key}</dt>
                <dd>{a.value === '' ? <span class="pf-empty">{pt('empty.value')}</span> : a.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p class="pf-empty" data-testid="profile-attrs">
            {pt('empty.attributes')}
          </p>
        )}
      </div>

      <div class="pf-block">
        <h4 class="pf-label">{pt('field.note')}</h4>
        <p class={profile.note ? 'pf-note' : 'pf-empty'} data-testid="profile-note">
          {profile.note || pt('empty.note')}
        </p>
      </div>

      <p class="pf-meta">
        <span role="status" class="pf-saved" data-testid="profile-saved">
          {saved ? pt('saved') : ''}
        </span>
        <span data-testid="profile-updated">
          {profile.updated_by
            ? pt('updatedBy', { name: profile.updated_by.name, time: formatDateTime(profile.updated_at, lang) })
            : pt('since', { time: formatDateTime(profile.created_at, lang) })}
        </span>
      </p>
    </div>
  );
}

/** A tel: link for a number that looks like one (digits, spaces, +, -, parentheses). */
function telHref(phone: string): string | null {
  const p = phone.trim();
  return /^[+\d][\d\s()-]*$/.test(p) ? `tel:${p.replace(/[\s()-]/g, '')}` : null;
}

interface ContactRowProps {
  testId: string;
  label: string;
  value: string;
  href: string | null;
  pt: ProfileT;
}

function ContactRow({ testId, label, value, href, pt }: ContactRowProps) {
  return (
    <div class="pf-contact-row" data-testid={testId}>
      <dt class="pf-label">{label}</dt>
      <dd>
        {value === '' ? (
          <span class="pf-empty">{pt('empty.value')}</span>
        ) : (
          <>
            {href ? (
              <a class="pf-contact-value" href={href}>
                {value}
              </a>
            ) : (
              <span class="pf-contact-value">{value}</span>
            )}
            <CopyButton text={value} label={label} pt={pt} />
          </>
        )}
      </dd>
    </div>
  );
}

function CopyButton({ text, label, pt }: { text: string; label: string; pt: ProfileT }) {
  const [result, setResult] = useState<'ok' | 'failed' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (r: 'ok' | 'failed') => {
    setResult(r);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setResult(null), 2_000);
  };
  const copy = () => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard?.writeText) {
      clipboard.writeText(text).then(
        () => show('ok'),
        () => show(copyByCommand(text) ? 'ok' : 'failed'),
      );
    } else {
      show(copyByCommand(text) ? 'ok' : 'failed');
    }
  };
  return (
    <>
      <button type="button" class="pf-copy" aria-label={pt('copy', { field: label })} title={pt('copy', { field: label })} onClick={copy}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path
            d="M5 2.5h6.5A1.5 1.5 0 0 1 13 4v7.5M3.5 5h6A1.5 1.5 0 0 1 11 6.5v6A1.5 1.5 0 0 1 9.5 14h-6A1.5 1.5 0 0 1 2 12.5v-6A1.5 1.5 0 0 1 3.5 5Z"
            fill="none"
            stroke="currentColor"
            stroke-width="1.3"
          />
        </svg>
      </button>
      <span class={`pf-copied${result === 'failed' ? ' is-failed' : ''}`} role="status">
        {result === 'ok' ? pt('copied') : result === 'failed' ? pt('copyFailed') : ''}
      </span>
    </>
  );
}

/** The older way, for pages where the Clipboard API is unavailable or refused. */
function copyByCommand(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

// -- previous conversations ---------------------------------------------------------------

interface HistoryProps {
  conversations: readonly HistoryConversation[];
  currentId: string;
  lang: Lang;
  pt: ProfileT;
  loading: boolean;
  onRefresh: () => void;
  onOpen: (c: HistoryConversation) => void;
}

function History({ conversations, currentId, lang, pt, loading, onRefresh, onOpen }: HistoryProps) {
  const titleId = useId();
  return (
    <section class="pf-history" data-testid="profile-history" aria-labelledby={titleId}>
      <div class="pf-history-head">
        <h3 id={titleId}>{pt('history.title', { n: conversations.length })}</h3>
        <button type="button" class="ws-link-btn pf-refresh" onClick={onRefresh} disabled={loading}>
          {loading ? pt('panel.refreshing') : pt('panel.refresh')}
        </button>
      </div>
      {conversations.length === 0 ? (
        <p class="pf-empty">{pt('history.empty')}</p>
      ) : (
        <ul class="pf-history-list">
          {conversations.map((c) => (
            <HistoryItem key={c.id} conversation={c} current={c.id === currentId} lang={lang} pt={pt} onOpen={onOpen} />
          ))}
        </ul>
      )}
      {conversations.length >= HISTORY_LIMIT && <p class="pf-empty pf-history-limit">{pt('history.limit', { n: HISTORY_LIMIT })}</p>}
    </section>
  );
}

interface ItemProps {
  conversation: HistoryConversation;
  current: boolean;
  lang: Lang;
  pt: ProfileT;
  onOpen: (c: HistoryConversation) => void;
}

function HistoryItem({ conversation: c, current, lang, pt, onOpen }: ItemProps) {
  return (
    <li class={`pf-hist${current ? ' is-current' : ''}`} data-testid="history-item" data-conversation={c.id} data-state={c.state}>
      <button type="button" class="pf-hist-btn" aria-haspopup="dialog" onClick={() => onOpen(c)}>
        <span class="pf-hist-top">
          <time dateTime={new Date(c.created_at).toISOString()}>{formatDateTime(c.created_at, lang)}</time>
          <span class="pf-hist-agent">{c.agent ? c.agent.name : pt('history.noAgent')}</span>
          {current && <span class="pf-hist-current">{pt('history.current')}</span>}
          <span class={`pf-hist-state pf-hist-state-${c.state}`}>{stateLabel(c, pt)}</span>
        </span>
        <span class={`pf-hist-class${c.classification ? '' : ' is-none'}`} data-testid="history-classification">
          {c.classification ? pathText(c.classification.path) : pt('history.unclassified')}
        </span>
        {c.summary && (
          <span class="pf-hist-summary" data-testid="history-summary" title={c.summary}>
            {c.summary}
          </span>
        )}
      </button>
    </li>
  );
}
