/** Find a resident or a unit for Resident Balances; every unit names its building. */
import { useEffect, useState } from 'react';
import { Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { UnitSummary } from '@shared/types';
import { bridge } from '../bridge';
import { explain } from '../lib/errors';
import { href } from '../lib/router';
import { useBuildingLabel } from '../lib/use-building-label';
import { useApp } from '../stores/app-store';

export function BalanceFinder({ selectedId }: { selectedId?: string | undefined }) {
  const { t } = useTranslation();
  const building = useApp((s) => s.corporationId);
  const buildingLabel = useBuildingLabel();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<UnitSummary[]>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setItems(undefined);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      bridge.call('units.list', { query: q, ...(building ? { corporationId: building } : {}), limit: 20 }).then(
        (page) => {
          if (stale) return;
          setItems(page.items);
          setProblem(undefined);
        },
        (err: unknown) => !stale && setProblem(explain(err, t('balances.find.label')).body),
      );
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, building, t]);

  return (
    <div className="balance-controls balance-finder">
      <SearchField className="combo-field" value={query} onChange={setQuery} autoFocus>
        <Label className="field-label">{t('balances.find.label')}</Label>
        <div className="combo-input">
          <Input placeholder={t('balances.find.placeholder')} />
        </div>
        <Text slot="description" className="field-help">
          {problem ?? t('balances.find.help')}
        </Text>
      </SearchField>
      {items ? (
        items.length ? (
          <ul className="finder-results" aria-label={t('balances.find.results')}>
            {items.map((u) => {
              const people = u.residents.filter((r) => r.status === 'Active').map((r) => `${r.firstName} ${r.lastName}`.trim());
              return (
                <li key={u.id}>
                  <a href={href.balances(u.id)} aria-current={u.id === selectedId ? 'true' : undefined}>
                    <strong>{t('balances.find.unit', { number: u.number })}</strong> <span className="muted">· {buildingLabel(u.corporationId)}</span>
                    <span className="finder-people">{people.length ? people.join(', ') : t('balances.find.noResidents')}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted finder-empty">{t('balances.find.none', { query: query.trim() })}</p>
        )
      ) : null}
    </div>
  );
}
