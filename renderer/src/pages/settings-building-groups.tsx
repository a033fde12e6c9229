import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Corporation, Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, TextInput } from '../components/form-fields';
import { FormStatus } from '../components/form-status';
import { fieldErrors } from '../lib/errors';
import { SettingsSection } from './settings-section';

/** One building's groups, when they differ from the defaults (blank both to use the defaults). */
function BuildingGroups({ corp, defaults }: { corp: Corporation; defaults: Settings['groups'] }) {
  const [owners, setOwners] = useState(corp.groups?.owners ?? '');
  const [tenants, setTenants] = useState(corp.groups?.tenants ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const errs = byField(fieldErrors(error));
  const id = `building-${corp.id.replace(/[^a-z0-9]/gi, '')}`;

  const save = async () => {
    setSaved(undefined);
    setError(undefined);
    setBusy(true);
    try {
      const useDefaults = !owners.trim() && !tenants.trim();
      const next = await bridge.call('corporations.setGroups', {
        id: corp.id,
        groups: useDefaults ? null : { owners: owners.trim() || defaults.owners, tenants: tenants.trim() || defaults.tenants },
      });
      setOwners(next.groups?.owners ?? '');
      setTenants(next.groups?.tenants ?? '');
      setSaved(useDefaults ? `${corp.code} uses the default groups.` : `${corp.code}'s groups saved. The next sync moves its residents into them.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSection
      id={id}
      title={`Groups for ${corp.code}`}
      description="Leave both blank to use the default groups."
      onSubmit={() => void save()}
      footer={
        <>
          <Button type="submit" className="btn" isDisabled={busy}>
            {busy ? 'Saving…' : `Save ${corp.code}`}
          </Button>
          <FormStatus saved={saved} error={error} what={`Saving ${corp.code}'s groups`} />
        </>
      }
    >
      <TextInput label="Owners join" value={owners} onChange={setOwners} placeholder={defaults.owners} error={errs['groups.owners']} />
      <TextInput label="Tenants join" value={tenants} onChange={setTenants} placeholder={defaults.tenants} error={errs['groups.tenants']} />
    </SettingsSection>
  );
}

/** Per-building groups: only shown once the first sync has found the buildings. */
export function BuildingGroupsSettings({ settings }: { settings: Settings }) {
  const [corps, setCorps] = useState<Corporation[]>([]);
  useEffect(() => {
    bridge.call('corporations.list').then(setCorps, () => setCorps([]));
  }, []);
  return (
    <>
      {corps.map((c) => (
        <BuildingGroups key={c.id} corp={c} defaults={settings.groups} />
      ))}
    </>
  );
}
