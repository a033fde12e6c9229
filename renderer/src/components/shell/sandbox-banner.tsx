import { ExternalLink, FlaskConical } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/app-store';

/** Across the top in sandbox mode, so nobody mistakes demo data for their building's. */
export function SandboxBanner() {
  const info = useApp((s) => s.info);
  const { t } = useTranslation();
  if (info?.mode !== 'sandbox') return null;
  return (
    <div className="sandbox-banner" role="note" aria-label={t('shell.sandbox.label')}>
      <FlaskConical aria-hidden="true" size={18} />
      <strong>{t('shell.sandbox.text')}</strong>
      {info.sandbox ? (
        <span className="sandbox-links">
          <a href={info.sandbox.condoManagerUrl} target="_blank" rel="noreferrer">
            {t('shell.sandbox.condoManager')}
            <ExternalLink aria-hidden="true" size={13} />
            <span className="visually-hidden">{t('shell.sandbox.newTab')}</span>
          </a>
          <a href={info.sandbox.condoControlUrl} target="_blank" rel="noreferrer">
            {t('shell.sandbox.condoControl')}
            <ExternalLink aria-hidden="true" size={13} />
            <span className="visually-hidden">{t('shell.sandbox.newTab')}</span>
          </a>
        </span>
      ) : null}
    </div>
  );
}
