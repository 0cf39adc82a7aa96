// The two kinds of feedback the administration pages show above their content: a dismissible
// notice of what just happened, and an error the user must see.

import type { KbT } from './messages';

export function Notice({ text, t, onDismiss }: { text: string | null; t: KbT; onDismiss: () => void }) {
  if (!text) return null;
  return (
    <p class="kb-notice" role="status">
      <span>{text}</span>
      <button type="button" class="ws-icon-btn" aria-label={t('common.dismiss')} onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}

export function ErrorLine({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p class="ws-error" role="alert">
      {text}
    </p>
  );
}
