/** Settings: who this console is signed in as, why its role cannot change settings, and (administrators) the way to access keys. */
import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../components/notice';
import { href } from '../lib/router';
import { usePermission } from '../lib/use-permission';
import { useSession } from '../stores/session-store';

export function RoleLine() {
  const { t } = useTranslation();
  const caller = useSession((s) => s.session?.caller);
  const { reason } = usePermission('admin');
  return (
    <>
      {caller?.kind === 'key' ? <p className="session-line">{t('access.signedInAs', { name: caller.name ?? '', role: t(`access.roles.${caller.role}`) })}</p> : null}
      {reason ? <Notice title={t('access.forbiddenTitle')}>{reason}</Notice> : null}
    </>
  );
}

export function AccessSettingsCard() {
  const { t } = useTranslation();
  const { allowed } = usePermission('admin');
  if (!allowed) return null;
  return (
    <section className="card settings-card" aria-labelledby="access-card-title">
      <h2 id="access-card-title" className="card-title">
        {t('access.settingsCard.title')}
      </h2>
      <p className="muted card-description">{t('access.settingsCard.description')}</p>
      <div className="form-footer">
        <a className="btn" href={href.access}>
          <KeyRound aria-hidden="true" size={16} />
          {t('access.settingsCard.open')}
        </a>
      </div>
    </section>
  );
}
