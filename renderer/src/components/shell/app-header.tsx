import { useTranslation } from 'react-i18next';
import { BuildingSelect } from './building-select';
import { PauseControl } from './pause-control';
import { RealtimeStatus } from './realtime-status';
import { SandboxBanner } from './sandbox-banner';
import { StreamIndicator } from './stream-indicator';
import { SyncStatus } from './sync-status';

export function AppHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <SandboxBanner />
      <div className="header-bar">
        <a href="#/" className="brand" aria-label={t('shell.brandHome')}>
          <img src="./favicon.svg" alt="" width={24} height={24} />
          <span>Condo Sync</span>
        </a>
        <BuildingSelect />
        <div className="header-spacer" />
        <StreamIndicator />
        <RealtimeStatus />
        <SyncStatus />
        <PauseControl />
      </div>
    </header>
  );
}
