/**
 * Above the page while the desktop console's office server does not answer:
 * says so plainly, and dates what is on screen (the page is dimmed), so
 * numbers read before the drop are never taken for live ones.
 */
import { useEffect, useState } from 'react';
import { KeyRound, ServerOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { absoluteDate } from '../../lib/format';
import { useOffice } from '../../stores/office-store';

export function OfficeBanner() {
  const { t } = useTranslation();
  const office = useOffice((s) => s.office);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    // The first contact takes a moment at start; mention it only if it takes long.
    const timer = setTimeout(() => setSlow(true), 4000);
    return () => clearTimeout(timer);
  }, []);
  if (office?.mode !== 'remote' || office.link === 'connected') return null;
  const url = office.url ?? '';
  if (office.link === 'connecting') {
    return slow ? (
      <div className="office-banner office-banner-info" id="office-banner" role="status">
        <ServerOff aria-hidden="true" size={18} />
        <p className="notice-title">{t('office.banner.connecting', { url })}</p>
      </div>
    ) : null;
  }
  const refused = office.link === 'refused';
  return (
    <div className="office-banner" id="office-banner" role="alert">
      {refused ? <KeyRound aria-hidden="true" size={18} /> : <ServerOff aria-hidden="true" size={18} />}
      <div>
        <p className="notice-title">{t(refused ? 'office.banner.refused' : 'office.banner.unreachable', { url })}</p>
        <p className="notice-body">
          {office.lastContactAt ? t('office.banner.staleSince', { time: absoluteDate(office.lastContactAt) }) : t('office.banner.staleNever')}
          {refused ? ` ${t('office.banner.refusedBody')}` : ''}
        </p>
      </div>
    </div>
  );
}
