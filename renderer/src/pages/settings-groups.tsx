import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { fieldErrors } from '../lib/errors';
import { SettingsSection } from './settings-section';

export function GroupsSettings({ settings }: { settings: Settings }) {
  const [owners, setOwners] = useState(settings.groups.owners);
  const [tenants, setTenants] = useState(settings.groups.tenants);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const errs = { ...byField(fieldErrors(error)), ...local };

  const save = async () => {
    setSaved(undefined);
    setError(undefined);
    const bad: Record<string, string> = {};
    if (!owners.trim()) bad['groups.owners'] = 'enter a group name, such as Owners';
    if (!tenants.trim()) bad['groups.tenants'] = 'enter a group name, such as Renters';
    setLocal(bad);
    if (Object.keys(bad).length) return;
    setBusy(true);
    try {
      const next = await bridge.call('settings.set', { groups: { owners, tenants } });
      setOwners(next.groups.owners);
      setTenants(next.groups.tenants);
      setSaved('Default groups saved. The next sync moves residents into them.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSection
      id="groups"
      title="Default groups"
      description="The Condo Control group each new resident joins, by their role in Condo Manager."
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn btn-primary" isDisabled={busy}>
            {busy ? 'Saving…' : 'Save groups'}
          </Button>
          <FormStatus saved={saved} error={error} what="Saving groups" />
        </>
      }
    >
      <TextInput label="Owners join" value={owners} onChange={setOwners} error={errs['groups.owners']} help="Condo Manager: Information → Owner. Built-in group: Owners." />
      <TextInput label="Tenants join" value={tenants} onChange={setTenants} error={errs['groups.tenants']} help="Condo Manager: Information → Tenant. Built-in group: Renters." />
    </SettingsSection>
  );
}
