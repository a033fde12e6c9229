import { ExternalLink, FlaskConical } from 'lucide-react';
import { useApp } from '../../stores/app-store';

/** Across the top in sandbox mode, so nobody mistakes demo data for their building's. */
export function SandboxBanner() {
  const info = useApp((s) => s.info);
  if (info?.mode !== 'sandbox') return null;
  return (
    <div className="sandbox-banner" role="note" aria-label="Sandbox mode">
      <FlaskConical aria-hidden="true" size={18} />
      <strong>Sandbox mode — demo data, not connected to real systems</strong>
      {info.sandbox ? (
        <span className="sandbox-links">
          <a href={info.sandbox.condoManagerUrl} target="_blank" rel="noreferrer">
            Sandbox Condo Manager
            <ExternalLink aria-hidden="true" size={13} />
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
          <a href={info.sandbox.condoControlUrl} target="_blank" rel="noreferrer">
            Sandbox Condo Control
            <ExternalLink aria-hidden="true" size={13} />
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </span>
      ) : null}
    </div>
  );
}
