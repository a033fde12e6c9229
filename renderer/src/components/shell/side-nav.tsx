import { Home, ListChecks, Settings, Table2, Wallet, type LucideIcon } from 'lucide-react';
import { href, type Section } from '../../lib/router';
import { useCounts } from '../../stores/counts-store';
import { isActive, selectJobs, useJobs } from '../../stores/jobs-store';

const items: { id: Section; label: string; href: string; icon: LucideIcon }[] = [
  { id: 'home', label: 'Home', href: href.home, icon: Home },
  { id: 'units', label: 'Unit File', href: href.units, icon: Table2 },
  { id: 'queue', label: 'Sync Queue', href: href.queue, icon: ListChecks },
  { id: 'balances', label: 'Resident Balances', href: href.balances(), icon: Wallet },
  { id: 'settings', label: 'Settings', href: href.settings, icon: Settings },
];

export function SideNav({ current }: { current: Section | undefined }) {
  const attention = useCounts((s) => s.counts?.attention ?? 0);
  const activeJobs = useJobs((s) => selectJobs(s).filter((j) => isActive(j) && !j.dryRun).length);
  return (
    <nav className="side-nav" aria-label="Main">
      <ul>
        {items.map(({ id, label, href: to, icon: Icon }) => {
          const badge = id === 'units' && attention ? { n: attention, title: `${attention} needing attention`, tone: 'attention' } : id === 'queue' && activeJobs ? { n: activeJobs, title: `${activeJobs} active`, tone: 'pending' } : undefined;
          return (
            <li key={id}>
              <a href={to} className="nav-link" aria-current={current === id ? 'page' : undefined}>
                <Icon aria-hidden="true" size={18} />
                <span className="nav-label">{label}</span>
                {badge ? (
                  <span className={`nav-count tone-${badge.tone}`} title={badge.title}>
                    {badge.n}
                    <span className="visually-hidden"> {badge.title.replace(/^\d+ /, '')}</span>
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
