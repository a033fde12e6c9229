import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../bridge';
import { href } from '../lib/router';
import { useBuildingLabel } from '../lib/use-building-label';
import { useUnits } from '../stores/units-store';

const asked = new Set<string>();

/** "· MTCC 254" after a record, so a note under "All buildings" says which building it is about. */
function BuildingTag({ id }: { id: string | undefined }) {
  const label = useBuildingLabel();
  return id ? <span className="building-tag"> · {label(id)}</span> : null;
}

/** A link to a unit that may only be known by id: shows its number (and, if asked, its building) once known. */
export function UnitLink({ id, label, showBuilding = false }: { id: string; label?: string | undefined; showBuilding?: boolean }) {
  const { t } = useTranslation();
  const known = useUnits((s) => s.unitNumbers[id]);
  const building = useUnits((s) => s.buildingOf[id]);
  const number = known ?? label?.replace(/^Unit /, '');
  useEffect(() => {
    if ((number && (building || !showBuilding)) || asked.has(id)) return;
    asked.add(id);
    bridge.call('units.get', { id }).then(
      (u) => useUnits.getState().remember([u]),
      () => undefined, // Not synced yet: the link still works and says so on its page.
    );
  }, [id, number, building, showBuilding]);
  return (
    <>
      <a href={href.unit(id)}>{number ? t('common.link.unit', { number }) : t('common.link.unitUnknown')}</a>
      {showBuilding ? <BuildingTag id={building} /> : null}
    </>
  );
}

/** A link to a resident's User section, named once known (and, if asked, with the building). */
export function PersonLink({ id, label, showBuilding = false }: { id: string; label?: string | undefined; showBuilding?: boolean }) {
  const { t } = useTranslation();
  const known = useUnits((s) => {
    const p = s.people[id];
    return p ? `${p.firstName} ${p.lastName}`.trim() : s.personNames[id];
  });
  const building = useUnits((s) => s.buildingOf[`p:${id}`]);
  const name = label ?? known;
  useEffect(() => {
    if ((name && (building || !showBuilding)) || asked.has(`p:${id}`)) return;
    asked.add(`p:${id}`);
    bridge.call('residents.get', { id }).then(
      (r) => useUnits.getState().rememberName(id, `${r.firstName} ${r.lastName}`.trim(), r.corporationId),
      () => undefined,
    );
  }, [id, name, building, showBuilding]);
  return (
    <>
      <a href={href.resident(id)} translate={name ? 'no' : undefined}>
        {name ?? t('common.link.resident')}
      </a>
      {showBuilding ? <BuildingTag id={building} /> : null}
    </>
  );
}
