// Sign-in form of the agent workspace.

import { useMemo, useState } from 'preact/hooks';
import { LangSelect } from './LangSelect';
import type { WorkspaceController, WorkspaceState } from './controller';
import type { AgentT } from './messages';

interface Props {
  controller: WorkspaceController;
  state: WorkspaceState;
  t: AgentT;
}

export function Login({ controller, state, t }: Props) {
  const defaults = useMemo(() => controller.loginDefaults(), [controller]);
  const [tenant, setTenant] = useState(defaults.tenant);
  const [email, setEmail] = useState(defaults.email);
  const [password, setPassword] = useState('');

  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (state.loginBusy) return;
    void controller.login(tenant, email, password);
  };

  return (
    <main class="ws-login">
      <div class="ws-login-lang">
        <LangSelect lang={state.lang} t={t} onChange={(l) => controller.setLang(l)} />
      </div>
      <form class="ws-login-card" onSubmit={onSubmit} aria-labelledby="ws-login-title" noValidate>
        <div class="ws-brand ws-brand-large" aria-hidden="true">
          客
        </div>
        <h1 id="ws-login-title">{t('login.title')}</h1>
        <p class="ws-muted">{t('login.subtitle')}</p>
        <label class="ws-field">
          <span>{t('login.tenant')}</span>
          <input
            name="tenant"
            autoComplete="organization"
            required
            value={tenant}
            onInput={(e) => setTenant((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label class="ws-field">
          <span>{t('login.email')}</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus={defaults.email === ''}
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label class="ws-field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus={defaults.email !== ''}
            value={password}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {state.loginError && (
          <p class="ws-error" role="alert">
            {t(state.loginError.key, state.loginError.params)}
          </p>
        )}
        <button type="submit" class="ws-btn ws-btn-primary ws-btn-block" disabled={state.loginBusy}>
          {state.loginBusy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
