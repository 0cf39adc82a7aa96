// A modal form of the canned-reply pages on the native <dialog> element (focus stays inside,
// Escape closes, the page behind is inert): title, body, Cancel and a submit button.

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { AgentT } from '../messages';
import './canned.css';

interface Props {
  title: string;
  t: AgentT;
  submitLabel: string;
  canSubmit: boolean;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children: ComponentChildren;
  danger?: boolean;
}

export function CannedModal({ title, t, submitLabel, canSubmit, busy, error, onSubmit, onClose, children, danger = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => {
      if (el?.open) el.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="cn-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit && !busy) onSubmit();
        }}
      >
        <div class="cn-dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" class="ws-icon-btn" aria-label={t('canned.admin.close')} onClick={onClose}>
            ×
          </button>
        </div>
        <div class="cn-dialog-body">
          {children}
          {error && (
            <p class="ws-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div class="cn-dialog-actions">
          <button type="button" class="ws-btn" onClick={onClose}>
            {t('canned.cancel')}
          </button>
          <button type="submit" class={`ws-btn ${danger ? 'kb-btn-danger' : 'ws-btn-primary'}`} disabled={!canSubmit || busy}>
            {busy ? t('canned.saving') : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
