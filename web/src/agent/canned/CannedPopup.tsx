// The "/code" popup above the reply box: the canned replies matching what follows the "/", best
// first, with a preview of the text as it will be inserted. The reply box keeps the focus and
// drives the choice with the keyboard (↑/↓, Enter or Tab, Esc); a click also picks.

import type { CannedReply } from '../api';
import type { AgentT } from '../messages';
import { expandVariables, type VariableValues } from './variables';
import './canned.css';

export const POPUP_ID = 'ws-canned-popup';

export function optionId(index: number): string {
  return `${POPUP_ID}-${index}`;
}

interface Props {
  query: string;
  matches: readonly CannedReply[];
  active: number;
  values: VariableValues;
  t: AgentT;
  onPick: (reply: CannedReply) => void;
  onHover: (index: number) => void;
}

export function CannedPopup({ query, matches, active, values, t, onPick, onHover }: Props) {
  return (
    <div class="cn-popup" data-testid="canned-popup">
      {matches.length === 0 ? (
        <p class="cn-popup-empty ws-muted ws-small" role="status">
          {t('canned.noMatch', { code: query })}
        </p>
      ) : (
        <ul id={POPUP_ID} class="cn-popup-list" role="listbox" aria-label={t('canned.suggestions')}>
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              class={`cn-popup-item${i === active ? ' is-active' : ''}`}
              data-code={c.code}
              data-scope={c.scope}
              onMouseDown={(e) => {
                // Keep the focus (and caret) in the reply box.
                e.preventDefault();
                onPick(c);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span class="ws-code">/{c.code}</span>
              <span class="cn-popup-title">{c.title}</span>
              <ScopeBadge scope={c.scope} t={t} />
              <span class="cn-popup-text">{expandVariables(c.text, values).text}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="cn-popup-hint ws-muted ws-small" aria-hidden="true">
        {t('canned.popupHint')}
      </p>
    </div>
  );
}

export function ScopeBadge({ scope, t }: { scope: CannedReply['scope']; t: AgentT }) {
  return <span class={`cn-badge cn-badge-${scope}`}>{t(`canned.scope.${scope}`)}</span>;
}
