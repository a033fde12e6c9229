/** Per-building groups, picked from that building's own Condo Control groups ("Default" follows Settings). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingGroups, Corporation, Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField, SelectField } from '../components/form-fields';
import { fieldErrors } from '../lib/errors';
import { useSave } from '../lib/use-save';
import { useGroups } from '../stores/groups-store';
import { groupError } from './settings-groups';
import { SaveFooter, SettingsSection } from './settings-section';

const DEFAULT = '\u0000default';

function BuildingGroupsCard({ corp, defaults, building }: { corp: Corporation; defaults: Settings['groups']; building: BuildingGroups }) {
  const { t } = useTranslation();
  const [owners, setOwners] = useState(corp.groups?.owners ?? DEFAULT);
  const [tenants, setTenants] = useState(corp.groups?.tenants ?? DEFAULT);
  const { busy, error, saved, save } = useSave();
  const typed = { 'groups.owners': owners, 'groups.tenants': tenants } as Record<string, string>;
  const errs = byField(fieldErrors(error).map((f) => ({ field: f.field, message: groupError(typed[f.field] ?? '', building.groups, f.message) })));
  const id = `building-${corp.id.replace(/[^a-z0-9]/gi, '')}`;
  const options = (fallback: string) => [
    { id: DEFAULT, label: t('groups.building.useDefault', { name: fallback }) },
    ...building.groups.map((g) => ({ id: g.name, label: g.name })),
    // A name saved before groups were checked stays visible, so the person sees what is set.
    ...[owners, tenants].filter((n) => n !== DEFAULT && !building.groups.some((g) => g.name === n)).map((n) => ({ id: n, label: n })),
  ];

  const submit = () =>
    save(async () => {
      const useDefaults = owners === DEFAULT && tenants === DEFAULT;
      const next = await bridge.call('corporations.setGroups', {
        id: corp.id,
        groups: useDefaults ? null : { owners: owners === DEFAULT ? defaults.owners : owners, tenants: tenants === DEFAULT ? defaults.tenants : tenants },
      });
      setOwners(next.groups?.owners ?? DEFAULT);
      setTenants(next.groups?.tenants ?? DEFAULT);
      return t(useDefaults ? 'groups.building.savedDefault' : 'groups.building.saved', { building: corp.code });
    });

  return (
    <SettingsSection
      id={id}
      title={t('groups.building.title', { building: corp.code })}
      description={t('groups.building.description')}
      onSubmit={() => void submit()}
      footer={
        <SaveFooter
          primary={false}
          busy={busy}
          saved={saved}
          error={error}
          label={t('groups.building.save', { building: corp.code })}
          savingLabel={t('groups.saving')}
          what={t('groups.building.savingWhat', { building: corp.code })}
        />
      }
    >
      <SelectField label={t('groups.owners')} value={owners} onChange={setOwners} options={options(defaults.owners)} error={errs['groups.owners']} />
      <SelectField label={t('groups.tenants')} value={tenants} onChange={setTenants} options={options(defaults.tenants)} error={errs['groups.tenants']} />
    </SettingsSection>
  );
}

/**
 * Only buildings whose Condo Control groups differ from the others get a card
 * (or that already have their own groups): with one set of groups everywhere,
 * the defaults say it all.
 */
export function BuildingGroupsSettings({ settings }: { settings: Settings }) {
  const [corps, setCorps] = useState<Corporation[]>([]);
  const buildings = useGroups((s) => s.buildings);
  useEffect(() => {
    bridge.call('corporations.list').then(setCorps, () => setCorps([]));
  }, []);
  if (!buildings) return null;
  const names = (b: BuildingGroups) => b.groups.map((g) => g.name.toLowerCase()).sort().join('|');
  const mapped = buildings.filter((b) => b.corporationId);
  const usual = mapped.length ? names(mapped[0]!) : '';
  const differ = new Set(mapped.filter((b) => names(b) !== usual).map((b) => b.corporationId));
  return (
    <>
      {corps.map((c) => {
        const building = mapped.find((b) => b.corporationId === c.id);
        if (!building || (!c.groups && !differ.has(c.id) && mapped.length > 1)) return null;
        return <BuildingGroupsCard key={c.id} corp={c} defaults={settings.groups} building={building} />;
      })}
    </>
  );
}
