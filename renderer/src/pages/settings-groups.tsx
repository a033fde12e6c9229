/** Settings → Default groups: chosen from Condo Control's groups, checked by Condo Control when saved. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CcGroup, Settings } from '@shared/types';
import { bridge } from '../bridge';
import { byField } from '../components/form-fields';
import { GroupPicker } from '../components/group-picker';
import { Notice } from '../components/notice';
import { fieldErrors } from '../lib/errors';
import { useSave } from '../lib/use-save';
import { i18n } from '../i18n';
import { commonGroups, useGroups } from '../stores/groups-store';
import { SaveFooter, SettingsSection } from './settings-section';

/** A refused name, said in the reader's language with the groups to choose from. */
export function groupError(name: string, choices: CcGroup[], coreMessage: string): string {
  if (/in \d+ of \d+ buildings/.test(coreMessage)) return i18n.t('groups.notFoundSome', { name: name.trim() });
  if (!choices.length) return coreMessage;
  return i18n.t('groups.notFound', { name: name.trim(), choices: choices.map((g) => g.name).join(', ') });
}

export function GroupsSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const buildings = useGroups((s) => s.buildings);
  const loadError = useGroups((s) => s.error);
  const [owners, setOwners] = useState(settings.groups.owners);
  const [tenants, setTenants] = useState(settings.groups.tenants);
  const { busy, error, saved, problems, save } = useSave();
  // Saved on another console or engine: the fields follow (the settings are read again on settings.changed).
  useEffect(() => {
    setOwners(settings.groups.owners);
    setTenants(settings.groups.tenants);
  }, [settings.groups.owners, settings.groups.tenants]);
  const choices = buildings ? commonGroups(buildings.some((b) => b.corporationId) ? buildings.filter((b) => b.corporationId) : buildings) : [];
  const typed = { 'groups.owners': owners, 'groups.tenants': tenants } as Record<string, string>;
  const errs = {
    ...byField(fieldErrors(error).map((f) => ({ field: f.field, message: groupError(typed[f.field] ?? '', choices, f.message) }))),
    ...problems,
  };

  useEffect(() => {
    void useGroups.getState().load();
  }, []);

  const submit = () =>
    save(
      async () => {
        const next = await bridge.call('settings.set', { groups: { owners, tenants } });
        setOwners(next.groups.owners);
        setTenants(next.groups.tenants);
        return t('groups.saved');
      },
      () => {
        const bad: Record<string, string> = {};
        if (!owners.trim()) bad['groups.owners'] = t('groups.required', { example: 'Owners' });
        if (!tenants.trim()) bad['groups.tenants'] = t('groups.required', { example: 'Renters' });
        return bad;
      },
    );

  return (
    <SettingsSection
      id="groups"
      title={t('groups.title')}
      description={t('groups.description')}
      onSubmit={() => void submit()}
      footer={<SaveFooter busy={busy} saved={saved} error={error} label={t('groups.save')} savingLabel={t('groups.saving')} what={t('groups.savingWhat')} />}
    >
      {loadError ? <Notice tone="warning" title={t('groups.unavailable')} /> : !buildings ? <p className="muted small">{t('groups.loading')}</p> : null}
      <GroupPicker label={t('groups.owners')} value={owners} onChange={setOwners} groups={choices} error={errs['groups.owners']} help={t('groups.ownersHelp')} />
      <GroupPicker label={t('groups.tenants')} value={tenants} onChange={setTenants} groups={choices} error={errs['groups.tenants']} help={t('groups.tenantsHelp')} />
    </SettingsSection>
  );
}
