/**
 * Settings → Desktop and About: launch at login (with its one-time
 * suggestion), updates from the IT department's feed, and where data and
 * logs live, with "Open folder" in the desktop app (browser mode shows the paths).
 */
import { useEffect, useState } from 'react';
import { DiagnosticsExport } from './settings-diagnostics';
import { Button, Switch } from 'react-aria-components';
import { FolderOpen, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { DesktopSettings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { explain, fieldErrors } from '../lib/errors';
import { toast } from '../lib/toasts';
import { useCall } from '../lib/use-call';
import { useApp } from '../stores/app-store';
import { SettingsSection } from './settings-section';

function Toggle({ label, help, isSelected, onChange, isDisabled }: { label: string; help?: string; isSelected: boolean; onChange: (v: boolean) => void; isDisabled?: boolean }) {
  return (
    <div className="field">
      <Switch className="switch" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled ?? false}>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        {label}
      </Switch>
      {help ? <p className="field-help">{help}</p> : null}
    </div>
  );
}

export function DesktopSettingsCard() {
  const { t } = useTranslation();
  const { data, error, reload } = useCall(() => bridge.call('desktop.get'), []);
  const [live, setLive] = useState<DesktopSettings>();
  useEffect(() => bridge.on('desktop.changed', setLive), []);
  const d = live ?? data;
  const [feed, setFeed] = useState<string>();
  const [enabled, setEnabled] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();

  if (error) return <FormStatus error={error} what={t('desktop.settings.what')} />;
  if (!d) return null;
  if (!d.available) {
    return (
      <section className="card settings-card" aria-labelledby="desktop-title">
        <h2 id="desktop-title" className="card-title">
          {t('desktop.settings.title')}
        </h2>
        <p className="muted card-description">{t('desktop.settings.browserOnly')}</p>
      </section>
    );
  }

  const set = async (input: Parameters<typeof bridge.call<'desktop.set'>>[1]) => {
    setSaveError(undefined);
    setSaved(undefined);
    try {
      setLive(await bridge.call('desktop.set', input));
      return true;
    } catch (err) {
      setSaveError(err);
      return false;
    }
  };
  const feedValue = feed ?? d.updates.feedUrl ?? '';
  const updatesOn = enabled ?? d.updates.enabled;
  const saveUpdates = async () => {
    setBusy(true);
    const url = feedValue.trim();
    if (await set({ updates: { enabled: updatesOn, ...(d.updates.feedFromEnv ? {} : { feedUrl: url ? url : null }) } })) setSaved(t('desktop.settings.saved'));
    setBusy(false);
    reload();
  };
  const restart = async () => {
    try {
      await bridge.call('desktop.restartToUpdate');
    } catch (err) {
      toast({ level: 'warning', title: t('desktop.settings.restart'), body: explain(err).body });
    }
  };
  const errs = byField(fieldErrors(saveError));
  const u = d.updates;

  return (
    <SettingsSection
      id="desktop"
      // Settings of this computer, answered by the desktop itself even when attached to an office server with a key of another role.
      permission="local"
      title={t('desktop.settings.title')}
      description={t('desktop.settings.description')}
      onSubmit={() => void saveUpdates()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={busy}>
            {t('desktop.settings.save')}
          </Button>
          <FormStatus saved={saved} error={saveError} what={t('desktop.settings.what')} />
        </>
      }
    >
      {d.suggestLaunchAtLogin ? (
        <div className="notice notice-info" role="note">
          <div className="notice-text">
            <p>{t('desktop.settings.suggestion')}</p>
            <div className="button-row">
              <Button className="btn btn-small btn-primary" onPress={() => void set({ launchAtLogin: true })}>
                {t('desktop.settings.suggestionYes')}
              </Button>
              <Button className="btn btn-small" onPress={() => void set({ dismissSuggestion: true })}>
                {t('desktop.settings.suggestionNo')}
              </Button>
            </div>
          </div>
        </div>
      ) : null}
      <Toggle label={t('desktop.settings.launchAtLogin')} help={t('desktop.settings.launchHelp')} isSelected={d.launchAtLogin} onChange={(v) => void set({ launchAtLogin: v })} />
      <Toggle label={t('desktop.settings.updates')} help={t('desktop.settings.updatesHelp')} isSelected={updatesOn} onChange={setEnabled} />
      {u.feedFromEnv ? (
        <p className="field-help">
          {t('desktop.settings.feedUrl')}: <code>{u.feedUrl}</code> — {t('desktop.settings.feedFromEnv')}
        </p>
      ) : (
        <TextInput label={t('desktop.settings.feedUrl')} type="url" value={feedValue} onChange={setFeed} help={t('desktop.settings.feedHelp')} placeholder="https://" error={errs['updates.feedUrl']} />
      )}
      <p className="muted" role="status">
        {t(`desktop.settings.state.${u.state}`, { version: u.version ?? '' })} {u.state === 'error' && u.message ? u.message : ''}
      </p>
      {u.state === 'ready' ? (
        u.canRestart ? (
          <Button className="btn" onPress={() => void restart()}>
            <RotateCw aria-hidden="true" size={16} />
            {t('desktop.settings.restart')}
          </Button>
        ) : (
          <p className="muted">{t('desktop.settings.restartWait')}</p>
        )
      ) : null}
    </SettingsSection>
  );
}

/** Settings → About: version, mode, and where data and logs are kept. */
export function AboutCard() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  if (!info) return null;
  const electron = info.adapter === 'electron';
  const open = async (folder: 'data' | 'logs') => {
    try {
      await bridge.call('desktop.openFolder', { folder });
    } catch (err) {
      toast({ level: 'error', title: t('desktop.about.openFailed'), body: explain(err).body });
    }
  };
  const folders: { id: 'data' | 'logs'; label: string; path: string }[] = [
    // Attached to an office server, these are the server's folders, not this computer's.
    { id: 'data', label: t(info.office ? 'office.about.dataOnServer' : 'desktop.about.data'), path: info.paths?.data ?? info.dataDir },
    { id: 'logs', label: t(info.office ? 'office.about.logsOnServer' : 'desktop.about.logs'), path: info.paths?.logs ?? `${info.dataDir}/logs` },
  ];
  return (
    <section className="card settings-card" aria-labelledby="about-title">
      <h2 id="about-title" className="card-title">
        {t('desktop.about.title')}
      </h2>
      <dl className="about-list">
        <dt>{t('desktop.about.version')}</dt>
        <dd>Condo Sync {info.version}</dd>
        <dt>{t('desktop.about.mode')}</dt>
        <dd>{info.mode === 'sandbox' ? t('desktop.about.modeSandbox') : t('desktop.about.modeLive')}</dd>
        {info.office ? (
          <>
            <dt>{t('office.about.engine')}</dt>
            <dd>{t('office.about.engineValue', { url: info.office.url })}</dd>
          </>
        ) : null}
        {folders.map((f) => (
          <div key={f.id} className="about-folder">
            <dt>{f.label}</dt>
            <dd>
              <code className="path">{f.path}</code>
              {electron ? (
                <Button className="btn btn-small" onPress={() => void open(f.id)}>
                  <FolderOpen aria-hidden="true" size={14} />
                  {t('desktop.about.open')}
                </Button>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {electron ? <p className="muted">{t('desktop.about.network')}</p> : null}
      <DiagnosticsExport />
    </section>
  );
}
