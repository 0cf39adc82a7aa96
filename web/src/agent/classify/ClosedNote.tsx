// Below an ended chat: its classification, or — when the visitor, the idle timer or the system
// ended it — an invitation to classify it afterwards (insistent when the tenant requires it).

import type { Conversation } from '../../shared/protocol';
import type { AgentT } from '../messages';
import { pathText } from './ClassifyDialog';
import type { ClassifyState } from './service';

interface Props {
  conversation: Conversation;
  state: ClassifyState;
  t: AgentT;
  onClassify: () => void;
}

export function ClosedNote({ conversation, state, t, onClassify }: Props) {
  const path = state.classified[conversation.id];
  if (path) {
    return (
      <p class="cl-closed" data-testid="classify-closed">
        <span>{t('classify.closed.done', { path: pathText(path) })}</span>
        <button type="button" class="ws-link-btn" aria-haspopup="dialog" onClick={onClassify}>
          {t('classify.closed.edit')}
        </button>
      </p>
    );
  }
  if (conversation.classified) {
    return (
      <p class="cl-closed" data-testid="classify-closed">
        <span>{t('classify.closed.recorded')}</span>
      </p>
    );
  }
  const required = state.settings?.required ?? false;
  return (
    <p class="cl-closed" data-testid="classify-closed">
      {required && <span class="cl-closed-required">{t('classify.closed.required')}</span>}
      <button type="button" class={required ? 'ws-btn ws-btn-primary' : 'ws-link-btn'} aria-haspopup="dialog" onClick={onClassify}>
        {t('classify.closed.add')}
      </button>
    </p>
  );
}
