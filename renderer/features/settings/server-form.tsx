import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Settings } from '../../../shared';
import { useApp, useServices } from '../../app/services';
import { hostErrorCode, hostErrorDetail } from '../../host/host-error';

type Message = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The central server: its address (a setting) and this seat's sign-in. The password goes
 * straight to the host and is cleared from the form; who is signed in comes from the host's
 * sync status, so the form can never claim a session the host does not have.
 */
export function ServerForm() {
  const { t } = useTranslation();
  const { host, store, sync } = useServices();
  const savedUrl = useApp((s) => s.settings?.serverUrl ?? null);
  const user = useApp((s) => s.sync?.user ?? null);
  const [url, setUrl] = useState(savedUrl ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  const failure = (key: string, err: unknown): Message => ({
    kind: 'error',
    text: t(key, { reason: hostErrorDetail(err) }),
  });

  /** Saves the address if it changed: null when saved (or unchanged), else the reason it was not. */
  async function saveUrl(): Promise<Message> {
    const trimmed = url.trim();
    const parsed = Settings.shape.serverUrl.safeParse(trimmed === '' ? null : trimmed);
    if (!parsed.success) return { kind: 'error', text: t('server.badUrl') };
    if (parsed.data === savedUrl) return null;
    try {
      store.getState().setSettings(await host['settings:update']({ serverUrl: parsed.data }));
    } catch (err) {
      return failure('server.saveFailed', err);
    }
    await sync.refresh(); // e.g. "not configured" → "signed out" without waiting a second
    return null;
  }

  async function run(action: () => Promise<Message>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await action());
    } finally {
      setBusy(false);
    }
  }

  const save = () => run(async () => (await saveUrl()) ?? { kind: 'ok', text: t('server.saved') });

  function signIn(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      if (!url.trim()) return { kind: 'error', text: t('server.noUrl') };
      if (!username.trim() || !password) return { kind: 'error', text: t('server.required') };
      const urlProblem = await saveUrl();
      if (urlProblem) return urlProblem;
      try {
        await host['server:login']({ username: username.trim(), password });
      } catch (err) {
        return signInError(err);
      }
      setPassword('');
      await sync.refresh();
      return null;
    });
  }

  function signInError(err: unknown): Message {
    const code = hostErrorCode(err);
    if (code === 'unauthorized') return { kind: 'error', text: t('server.unauthorized') };
    if (code === 'unavailable') return { kind: 'error', text: t('server.unavailable') };
    if (code === 'invalid-input') return { kind: 'error', text: t('server.invalidInput') };
    return failure('server.failed', err);
  }

  const signOut = () =>
    run(async () => {
      try {
        await host['server:logout']({});
      } catch (err) {
        return failure('server.signOutFailed', err);
      }
      await sync.refresh();
      return null;
    });

  return (
    <form className="panel server" data-testid="server-form" onSubmit={signIn}>
      <h2>{t('server.title')}</h2>
      <label className="field">
        <span>{t('server.url')}</span>
        <input
          data-testid="server-url"
          inputMode="url"
          value={url}
          placeholder="https://"
          autoComplete="off"
          onChange={(e) => setUrl(e.target.value)}
        />
        <small className="hint">{t('server.urlHint')}</small>
      </label>
      <button type="button" data-testid="server-save" disabled={busy} onClick={() => void save()}>
        {t('server.save')}
      </button>
      {user ? (
        <div className="server-session">
          <p className="server-user">
            <span>{t('server.signedInAs')}</span>
            <strong data-testid="server-user">{user.displayName}</strong>
          </p>
          <button type="button" data-testid="server-signout" disabled={busy} onClick={() => void signOut()}>
            {t('server.signOut')}
          </button>
        </div>
      ) : (
        <div className="server-session">
          <label className="field">
            <span>{t('server.username')}</span>
            <input
              data-testid="server-username"
              value={username}
              autoComplete="off"
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('server.password')}</span>
            <input
              data-testid="server-password"
              type="password"
              value={password}
              autoComplete="off"
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="server-signin" disabled={busy}>
            {t('server.signIn')}
          </button>
        </div>
      )}
      {message ? (
        <p
          className={message.kind}
          data-testid={message.kind === 'ok' ? 'server-saved' : 'server-error'}
          role={message.kind === 'error' ? 'alert' : undefined}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
