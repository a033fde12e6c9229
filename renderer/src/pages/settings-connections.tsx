/** Connections to the two systems. Secrets are never shown: a blank secret keeps the saved one. */
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { PlugZap } from 'lucide-react';
import type { ConnectionTestResult, Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { ErrorNotice, Notice } from '../components/notice';
import { fieldErrors } from '../lib/errors';
import { useApp } from '../stores/app-store';
import { SettingsSection } from './settings-section';

function TestResult({ result }: { result: ConnectionTestResult }) {
  const row = (name: string, r: { ok: boolean; message: string }) => (
    <Notice key={name} tone={r.ok ? 'success' : 'error'} title={`${name}: ${r.ok ? 'connected' : 'not connected'}`}>
      {r.message}
    </Notice>
  );
  return (
    <div className="test-results">
      {row('Condo Manager', result.condoManager)}
      {row('Condo Control', result.condoControl)}
    </div>
  );
}

export function ConnectionsSettings({ settings }: { settings: Settings }) {
  const mode = useApp((s) => s.info?.mode);
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
  const [test, setTest] = useState<ConnectionTestResult>();
  const [testError, setTestError] = useState<unknown>();
  const errs = byField(fieldErrors(error));
  const keep = 'Saved. Leave blank to keep it.';

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
      setSaved(next.restartRequired ? 'Connections saved. Restart Condo Sync to use them.' : 'Connections saved.');
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
    try {
      setTest(await bridge.call('connections.test', { target: 'both' }));
    } catch (err) {
      setTestError(err);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <SettingsSection
      id="connections"
      title="Connections"
      description={
        mode === 'sandbox' && !c
          ? 'Sandbox mode uses the built-in demo systems. Enter your Condo Manager and Condo Control details to connect to the real ones (restart Condo Sync to switch).'
          : 'Condo Sync reads from Condo Manager and writes to Condo Control with these details. Secrets are stored encrypted and never shown.'
      }
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={!!busy}>
            {busy === 'save' ? 'Saving…' : 'Save connections'}
          </Button>
          <Button className="btn" onPress={() => void runTest()} isDisabled={!!busy}>
            <PlugZap aria-hidden="true" size={16} />
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </Button>
          <FormStatus saved={saved} error={error} what="Saving connections" />
          {testError ? <ErrorNotice error={testError} what="Testing the connection" /> : null}
          {test ? <TestResult result={test} /> : null}
        </>
      }
    >
      <fieldset className="fieldset">
        <legend>Condo Manager (accounting)</legend>
        <TextInput label="Address" type="url" value={cmUrl} onChange={setCmUrl} error={errs['connections.condoManager.url']} placeholder="https://…" />
        <TextInput label="Client ID" value={clientId} onChange={setClientId} error={errs['connections.condoManager.clientId']} />
        <TextInput
          label="Client secret"
          type="password"
          value={clientSecret}
          onChange={setClientSecret}
          error={errs['connections.condoManager.clientSecret']}
          {...(hasSecrets ? { help: keep, placeholder: '••••••••' } : {})}
          autoComplete="new-password"
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Condo Control (building portal)</legend>
        <TextInput label="Address" type="url" value={ccUrl} onChange={setCcUrl} error={errs['connections.condoControl.url']} placeholder="https://…" />
        <TextInput label="Username" value={username} onChange={setUsername} error={errs['connections.condoControl.username']} />
        <TextInput
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errs['connections.condoControl.password']}
          {...(hasSecrets ? { help: keep, placeholder: '••••••••' } : {})}
          autoComplete="new-password"
        />
      </fieldset>
    </SettingsSection>
  );
}
