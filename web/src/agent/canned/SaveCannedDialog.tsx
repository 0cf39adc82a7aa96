// "Save as canned reply": the agent keeps one of their sent messages as a canned reply. A modal
// dialog prefilled with the message; the customer's name can be turned back into {客户名} so the
// reply fits the next customer. Personal by default; supervisors and admins may choose team.

import { useState } from 'preact/hooks';
import type { Lang } from '../../shared/i18n';
import type { CannedCategory } from '../api';
import type { AgentT } from '../messages';
import { cannedApi } from './api';
import { CannedModal } from './CannedModal';
import { CannedForm, cannedErrorText, type CannedDraft } from './CannedForm';
import { spellingFor } from './variables';

interface Props {
  text: string;
  /** The conversation's customer, whose name may be replaced by the variable. */
  customerName: string;
  categories: readonly CannedCategory[];
  canShare: boolean;
  lang: Lang;
  t: AgentT;
  onSaved: (code: string) => void;
  onClose: () => void;
}

export function SaveCannedDialog({ text, customerName, categories, canShare, lang, t, onSaved, onClose }: Props) {
  const hasName = customerName.trim() !== '' && text.includes(customerName);
  const variable = `{${spellingFor('customer_name', lang)}}`;
  const [useVariable, setUseVariable] = useState(hasName);
  const [draft, setDraft] = useState<CannedDraft>(() => ({
    code: '',
    title: '',
    text: hasName ? text.split(customerName).join(variable) : text,
    category_id: null,
    scope: 'personal',
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggleVariable = (on: boolean) => {
    setUseVariable(on);
    setDraft((d) => ({ ...d, text: on ? d.text.split(customerName).join(variable) : d.text.split(variable).join(customerName) }));
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { scope, ...reply } = draft;
      await cannedApi.create(reply, scope);
      onSaved(draft.code.trim().toLowerCase());
    } catch (err) {
      setError(cannedErrorText(err, t, draft.code));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CannedModal
      title={t('canned.save.title')}
      t={t}
      submitLabel={t('canned.save')}
      canSubmit={draft.code.trim() !== '' && draft.text.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
      {hasName && (
        <label class="cn-check">
          <input type="checkbox" checked={useVariable} onChange={(e) => toggleVariable((e.currentTarget as HTMLInputElement).checked)} />
          <span>{t('canned.save.customer', { name: customerName })}</span>
        </label>
      )}
      <CannedForm
        draft={draft}
        onChange={setDraft}
        categories={categories}
        scopes={canShare ? ['personal', 'team'] : null}
        lang={lang}
        t={t}
      />
    </CannedModal>
  );
}
