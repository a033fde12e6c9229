/** Settings: default groups, connections, the nightly schedule and how long history is kept. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { ErrorNotice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { useCall } from '../lib/use-call';
import { CommerceSettings } from './settings-commerce';
import { AboutCard, DesktopSettingsCard } from './settings-desktop';
import { ConnectionsSettings } from './settings-connections';
import { BuildingGroupsSettings } from './settings-building-groups';
import { LanguageSettings } from './settings-language';
import { OfficeSettings } from './settings-office';
import { GroupsSettings } from './settings-groups';
import { RetentionSettings } from './settings-retention';
import { ScheduleSettings } from './settings-schedule';
import { AccessSettingsCard, RoleLine } from './settings-access';

export function SettingsPage() {
  const { t } = useTranslation();
  const { data: settings, error, reload } = useCall(() => bridge.call('settings.get'), []);
  // Groups and history kept are shared by every engine on one database: a change made elsewhere shows here.
  useEffect(() => bridge.on('settings.changed', ({ keys }) => keys.some((k) => k === 'groups' || k === 'retention') && reload()), [reload]);
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <RoleLine />
      {error ? <ErrorNotice error={error} what={t('settings.what')} onRetry={reload} /> : null}
      <div className="settings-grid">
        <AccessSettingsCard />
        {settings ? <GroupsSettings settings={settings} /> : null}
        {settings ? <BuildingGroupsSettings settings={settings} /> : null}
        <ScheduleSettings />
        <CommerceSettings />
        {settings ? <ConnectionsSettings settings={settings} /> : null}
        {settings ? <RetentionSettings settings={settings} /> : null}
        <LanguageSettings />
        <DesktopSettingsCard />
        <OfficeSettings />
        <AboutCard />
      </div>
    </>
  );
}
