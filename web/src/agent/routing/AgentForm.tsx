// An agent's routing profile, in a dialog: capacity, skills with levels and queue memberships
// (PATCH /api/users/{id}).

import { useState } from 'preact/hooks';
import type { Agent, Queue, Skill } from '../../shared/protocol';
import { Field } from '../kb/BotSettingsPage';
import { Modal } from '../kb/Dialog';
import { ErrorLine } from '../kb/Feedback';
import { errorText } from '../kb/messages';
import { routingApi } from './api';
import { intOf } from './format';
import type { RoutingT } from './messages';
import { AddButton, RemoveButton } from './QueueForm';

interface SkillDraft {
  key: number;
  name: string;
  level: string;
}

let nextKey = 1;

interface Props {
  t: RoutingT;
  agent: Agent;
  queues: readonly Queue[];
  onSaved: (agent: Agent) => void;
  onClose: () => void;
}

export function AgentForm({ t, agent, queues, onSaved, onClose }: Props) {
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [skills, setSkills] = useState<SkillDraft[]>(() =>
    (agent.skills ?? []).map((s) => ({ key: nextKey++, name: s.name, level: String(s.level) })),
  );
  const [member, setMember] = useState<ReadonlySet<string>>(() => new Set(agent.queues ?? []));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const update = (key: number, patch: Partial<SkillDraft>) =>
    setSkills((list) => list.map((s) => (s.key === key ? { ...s, ...patch } : s)));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const cap = intOf(capacity, 0, 1000);
    if (cap === null) {
      setError(t('af.err.capacity'));
      return;
    }
    const list: Skill[] = [];
    const names = new Set<string>();
    for (const [i, s] of skills.entries()) {
      const name = s.name.trim();
      const level = intOf(s.level, 1, 10);
      if (name === '' || level === null) {
        setError(t('af.err.skill', { n: i + 1 }));
        return;
      }
      if (names.has(name)) {
        setError(t('af.err.skillDup', { name }));
        return;
      }
      names.add(name);
      list.push({ name, level });
    }
    setBusy(true);
    setError(null);
    try {
      // Memberships of queues this page does not list are kept.
      const known = new Set(queues.map((q) => q.id));
      const kept = (agent.queues ?? []).filter((id) => !known.has(id));
      const saved = await routingApi.updateUser(agent.id, {
        capacity: cap,
        skills: list,
        queues: [...kept, ...queues.filter((q) => member.has(q.id)).map((q) => q.id)],
      });
      onSaved(saved);
    } catch (err) {
      setError(t('qf.serverError', { message: errorText(err, t) }));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('af.title', { name: agent.name })} t={t} onClose={onClose}>
      <form class="kb-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div class="kb-dialog-body rt-dialog-body">
          <Field label={t('af.capacity')} hint={t('af.capacityHint')}>
            <input
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={capacity}
              onInput={(e) => setCapacity((e.currentTarget as HTMLInputElement).value)}
            />
          </Field>
          <fieldset class="kb-group rt-group-1">
            <legend>{t('af.skills')}</legend>
            <div class="rt-rows">
              {skills.length === 0 && <p class="ws-muted rt-empty">{t('af.skills.empty')}</p>}
              {skills.map((s, i) => (
                <div key={s.key} class="rt-row">
                  <input
                    class="rt-grow"
                    maxLength={64}
                    aria-label={t('af.skill.name', { n: i + 1 })}
                    value={s.name}
                    onInput={(e) => update(s.key, { name: (e.currentTarget as HTMLInputElement).value })}
                  />
                  <input
                    class="rt-short"
                    type="number"
                    min={1}
                    max={10}
                    step={1}
                    inputMode="numeric"
                    aria-label={t('af.skill.level', { n: i + 1 })}
                    value={s.level}
                    onInput={(e) => update(s.key, { level: (e.currentTarget as HTMLInputElement).value })}
                  />
                  <RemoveButton
                    label={t('af.skill.remove', { n: i + 1 })}
                    onClick={() => setSkills((list) => list.filter((x) => x.key !== s.key))}
                  />
                </div>
              ))}
              <AddButton
                label={t('af.skill.add')}
                onClick={() => setSkills((list) => [...list, { key: nextKey++, name: '', level: '5' }])}
              />
            </div>
          </fieldset>
          <fieldset class="kb-group rt-group-1">
            <legend>{t('af.queues')}</legend>
            <p class="ws-muted kb-help">{t('af.queuesHelp')}</p>
            <div class="rt-checks">
              {queues.map((q) => (
                <label key={q.id} class="kb-check">
                  <input
                    type="checkbox"
                    checked={member.has(q.id)}
                    onChange={(e) => {
                      const next = new Set(member);
                      if ((e.currentTarget as HTMLInputElement).checked) next.add(q.id);
                      else next.delete(q.id);
                      setMember(next);
                    }}
                  />
                  <span>{q.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <ErrorLine text={error} />
        </div>
        <div class="kb-dialog-actions">
          <button type="button" class="ws-btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="ws-btn ws-btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
