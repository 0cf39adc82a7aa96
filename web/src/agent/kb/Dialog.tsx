// Modal dialogs of the administration pages, on the native <dialog> element (focus stays
// inside, Escape closes, the page behind is inert).

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { KbT } from './messages';
import { ErrorLine } from './Feedback';

interface ModalProps {
  title: string;
  t: KbT;
  onClose: () => void;
  children: ComponentChildren;
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
}

export function Modal({ title, t, onClose, children, role = 'dialog', wide = false }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      class={`kb-dialog${wide ? ' kb-dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div class="kb-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="ws-icon-btn" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  message: string;
  confirmLabel: string;
  t: KbT;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?" with the action's own label on the confirming button. */
export function ConfirmDialog({ title, message, confirmLabel, t, busy, error, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Modal title={title} t={t} onClose={onCancel} role="alertdialog">
      <div class="kb-dialog-body">
        <p class="kb-confirm-text">{message}</p>
        <ErrorLine text={error} />
      </div>
      <div class="kb-dialog-actions">
        <button type="button" class="ws-btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" class="ws-btn kb-btn-danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
