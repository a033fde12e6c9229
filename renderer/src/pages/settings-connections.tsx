/**
 * Connections to the two systems. Secrets are never shown: a blank secret
 * keeps the saved one. Test connection tests what is on screen, unsaved.
 */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { PlugZap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult, Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { ErrorNotice, Notice } from '../components/notice';
import { fieldErrors } from '../lib/errors';
import { i18n } from '../i18n';
import { useApp } from '../stores/app-store';
import { SettingsSection } from './settings-section';
import { secretStorageLine } from '../lib/secret-storage';

type Check = ConnectionTestResult['condoManager'] & ConnectionTestResult['condoControl'];
type System = 'Condo Manager' | 'Condo Control';

/** The core's answer in the reader's language (its English message when the reason is new to this version). */
export function checkText(system: System, r: Check): string {
  const t = i18n.t.bind(i18n);
  switch (r.reason) {
    case 'connected':
      return r.corporations !== undefined
        ? t('connections.reason.connected_corporations', { count: r.corporations })
        : t('connections.reason.connected_buildings', { count: r.workspaces ?? 0 });
    case 'refused':
      return t(system === 'Condo Manager' ? 'connections.reason.refusedCm' : 'connections.reason.refusedCc');
    case 'timeout':
    case 'unreachable':
    case 'not-the-system':
    case 'rate-limited':
    case 'not-configured':
    case 'not-tested':
    case 'unknown':
      return t(`connections.reason.${r.reason}`, { system });
    default:
      return r.message;
  }
}

function TestResult({ result, typed }: { result: ConnectionTestResult; typed: boolean }) {
  const { t } = useTranslation();
  const row = (system: System, r: Check) => (
    <Notice key={system} tone={r.ok ? 'success' : 'error'} title={t(r.ok ? 'connections.connected' : 'connections.notConnected', { system })}>
      {checkText(system, r)}
    </Notice>
  );
  return (
    <div className="test-results" aria-live="polite">
      <p className="muted small">{t(typed ? 'connections.testedTyped' : 'connections.testedRunning')}</p>
      {row('Condo Manager', result.condoManager)}
      {row('Condo Control', result.condoControl)}
    </div>
  );
}

/** A field error in words that match the rule (the core's are for programs). */
function fieldText(field: string, message: string): string {
  const t = i18n.t.bind(i18n);
  if (field.endsWith('.url')) return t('connections.error.url');
  if (/secret|password/i.test(field) && /new address|test this address/.test(message)) return t('connections.error.secretForNewAddress');
  return t('connections.error.required');
}

export function ConnectionsSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const c = settings.connections;
  const [cmUrl, setCmUrl] = useState(c?.condoManager.url ?? '');
  const [clientId, setClientId] = useState(c?.condoManager.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [ccUrl, setCcUrl] = useState(c?.condoControl.url ?? '');
  const [username, setUsername] = useState(c?.condoControl.username ?? '');
  const [password, setPassword] = useState('');
  const [hasSecrets, setHasSecrets] = useState(!!c);
  const [busy, setBusy] = useState<'save' | 'test'>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const [test, setTest] = useState<{ result: ConnectionTestResult; typed: boolean }>();
  const [testError, setTestError] = useState<unknown>();
  // Test errors name fields without the "connections." prefix Save uses.
  const raw = [...fieldErrors(error), ...fieldErrors(testError).map((f) => ({ ...f, field: `connections.${f.field}` }))];
  const errs = byField(raw.map((f) => ({ field: f.field, message: fieldText(f.field, f.message) })));

  // A test result is about what was typed then: editing a field retires it.
  const edit = (set: (v: string) => void) => (v: string) => {
    set(v);
    setTest(undefined);
    setTestError(undefined);
  };

  const save = async () => {
    setBusy('save');
    setSaved(undefined);
    setError(undefined);
    try {
      const next = await bridge.call('settings.set', {
        connections: {
          condoManager: { url: cmUrl, clientId, ...(clientSecret ? { clientSecret } : {}) },
          condoControl: { url: ccUrl, username, ...(password ? { password } : {}) },
        },
      });
      setClientSecret('');
      setPassword('');
      setHasSecrets(!!next.connections);
      setSaved(t(next.restartRequired ? 'connections.savedRestart' : 'connections.saved'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const runTest = async () => {
    setBusy('test');
    setTest(undefined);
    setTestError(undefined);
    setError(undefined);
    const typedCm = !!(cmUrl.trim() || clientId.trim() || clientSecret);
    const typedCc = !!(ccUrl.trim() || username.trim() || password);
    try {
      const result = await bridge.call('connections.test', {
        target: 'both',
        ...(typedCm ? { condoManager: { url: cmUrl, clientId, ...(clientSecret ? { clientSecret } : {}) } } : {}),
        ...(typedCc ? { condoControl: { url: ccUrl, username, ...(password ? { password } : {}) } } : {}),
      });
      setTest({ result, typed: typedCm || typedCc });
    } catch (err) {
      setTestError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const description = (
    <>
      {info?.mode === 'sandbox' && !c ? t('connections.sandbox') : t('connections.live')} {info ? secretStorageLine(info) : null}
    </>
  );
  const secretProps = hasSecrets ? { help: t('connections.keep'), placeholder: '••••••••' } : {};

  return (
    <SettingsSection
      id="connections"
      title={t('connections.title')}
      description={description}
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={!!busy}>
            {busy === 'save' ? t('connections.saving') : t('connections.save')}
          </Button>
          <Button className="btn" onPress={() => void runTest()} isDisabled={!!busy}>
            <PlugZap aria-hidden="true" size={16} />
            {busy === 'test' ? t('connections.testing') : t('connections.test')}
          </Button>
          <FormStatus saved={saved} error={error} what={t('connections.savingWhat')} />
          {testError ? (
            fieldErrors(testError).length ? (
              <Notice tone="error" title={t('connections.fieldsFirst')} />
            ) : (
              <ErrorNotice error={testError} what={t('connections.testingWhat')} />
            )
          ) : null}
          {test ? <TestResult result={test.result} typed={test.typed} /> : null}
        </>
      }
    >
      {info?.secretStorage === 'no-keyring' ? (
        <Notice tone="warning" title={t('connections.noKeyring.title')}>
          <p>{t('connections.noKeyring.body')}</p>
          <p>{t('connections.noKeyring.todo')}</p>
        </Notice>
      ) : null}
      <fieldset className="fieldset">
        <legend>{t('connections.condoManager')}</legend>
        <TextInput label={t('connections.address')} type="url" value={cmUrl} onChange={edit(setCmUrl)} error={errs['connections.condoManager.url']} placeholder="https://…" />
        <TextInput label={t('connections.clientId')} value={clientId} onChange={edit(setClientId)} error={errs['connections.condoManager.clientId']} />
        <TextInput
          label={t('connections.clientSecret')}
          type="password"
          value={clientSecret}
          onChange={edit(setClientSecret)}
          error={errs['connections.condoManager.clientSecret']}
          {...secretProps}
          autoComplete="new-password"
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('connections.condoControl')}</legend>
        <TextInput label={t('connections.address')} type="url" value={ccUrl} onChange={edit(setCcUrl)} error={errs['connections.condoControl.url']} placeholder="https://…" />
        <TextInput label={t('connections.username')} value={username} onChange={edit(setUsername)} error={errs['connections.condoControl.username']} />
        <TextInput
          label={t('connections.password')}
          type="password"
          value={password}
          onChange={edit(setPassword)}
          error={errs['connections.condoControl.password']}
          {...secretProps}
          autoComplete="new-password"
        />
      </fieldset>
    </SettingsSection>
  );
}
