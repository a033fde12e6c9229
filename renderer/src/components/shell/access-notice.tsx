/**
 * The one message for a window without access (wrong or missing token),
 * shown once above the page instead of once per card. Browser mode has no
 * tray, so it says where the working link comes from.
 */
import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/use-access';

export function AccessNotice() {
  const { t } = useTranslation();
  const access = useAccess();
  if (access === 'ok') return null;
  return (
    <div className="access-notice" role="alert">
      <Lock aria-hidden="true" size={18} />
      <div>
        <p className="notice-title">{t(access === 'missing' ? 'shell.access.missingTitle' : 'shell.access.refusedTitle')}</p>
        <p className="notice-body">{t('shell.access.body')}</p>
      </div>
    </div>
  );
}
