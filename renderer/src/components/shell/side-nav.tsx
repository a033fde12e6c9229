import { Home, ListChecks, Settings, Table2, Wallet, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { href, type Section } from '../../lib/router';
import { count } from '../../lib/format';
import { useCounts } from '../../stores/counts-store';
import { isActive, selectJobs, useJobs } from '../../stores/jobs-store';

const items: { id: Section; label: `common.nav.${Section}`; href: string; icon: LucideIcon }[] = [
  { id: 'home', label: 'common.nav.home', href: href.home, icon: Home },
  { id: 'units', label: 'common.nav.units', href: href.units, icon: Table2 },
  { id: 'queue', label: 'common.nav.queue', href: href.queue, icon: ListChecks },
  { id: 'balances', label: 'common.nav.balances', href: href.balances(), icon: Wallet },
  { id: 'settings', label: 'common.nav.settings', href: href.settings, icon: Settings },
];

export function SideNav({ current }: { current: Section | undefined }) {
  const { t } = useTranslation();
  const attention = useCounts((s) => s.counts?.attention ?? 0);
  const activeJobs = useJobs((s) => selectJobs(s).filter((j) => isActive(j) && !j.dryRun).length);
  return (
    <nav className="side-nav" aria-label={t('common.nav.label')}>
      <ul>
        {items.map(({ id, label, href: to, icon: Icon }) => {
          const badge = id === 'units' && attention ? { n: attention, title: t('shell.navBadge.attention', { count: attention }), tone: 'attention' } : id === 'queue' && activeJobs ? { n: activeJobs, title: t('shell.navBadge.active', { count: activeJobs }), tone: 'pending' } : undefined;
          return (
            <li key={id}>
              <a href={to} className="nav-link" aria-current={current === id ? 'page' : undefined}>
                <Icon aria-hidden="true" size={18} />
                <span className="nav-label">{t(label)}</span>
                {badge ? (
                  <span className={`nav-count tone-${badge.tone}`} title={badge.title}>
                    <span aria-hidden="true">{count(badge.n)}</span>
                    <span className="visually-hidden">{badge.title}</span>
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
