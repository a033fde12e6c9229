import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { href } from '../lib/router';
import { useUnits } from '../stores/units-store';

const asked = new Set<string>();

/** A link to a unit that may only be known by id: shows its number once known. */
export function UnitLink({ id, label }: { id: string; label?: string }) {
  const { t } = useTranslation();
  const known = useUnits((s) => s.unitNumbers[id]);
  const number = known ?? label?.replace(/^Unit /, '');
  useEffect(() => {
    if (number || asked.has(id)) return;
    asked.add(id);
    bridge.call('units.get', { id }).then(
      (u) => useUnits.getState().remember([u]),
      () => undefined, // Not synced yet: the link still works and says so on its page.
    );
  }, [id, number]);
  return <a href={href.unit(id)}>{number ? t('common.link.unit', { number }) : t('common.link.unitUnknown')}</a>;
}

/** A link to a resident's User section, named once known. */
export function PersonLink({ id, label }: { id: string; label?: string }) {
  const { t } = useTranslation();
  const known = useUnits((s) => {
    const p = s.people[id];
    return p ? `${p.firstName} ${p.lastName}`.trim() : s.personNames[id];
  });
  const name = label ?? known;
  useEffect(() => {
    if (name || asked.has(`p:${id}`)) return;
    asked.add(`p:${id}`);
    bridge.call('residents.get', { id }).then(
      (r) => useUnits.getState().rememberName(id, `${r.firstName} ${r.lastName}`.trim()),
      () => undefined,
    );
  }, [id, name]);
  return <a href={href.resident(id)}>{name ?? t('common.link.resident')}</a>;
}
