import { BuildingSelect } from './building-select';
import { SandboxBanner } from './sandbox-banner';
import { StreamIndicator } from './stream-indicator';
import { SyncStatus } from './sync-status';

export function AppHeader() {
  return (
    <header className="app-header">
      <SandboxBanner />
      <div className="header-bar">
        <a href="#/" className="brand" aria-label="Condo Sync, Home">
          <img src="./favicon.svg" alt="" width={24} height={24} />
          <span>Condo Sync</span>
        </a>
        <BuildingSelect />
        <div className="header-spacer" />
        <StreamIndicator />
        <SyncStatus />
      </div>
    </header>
  );
}
