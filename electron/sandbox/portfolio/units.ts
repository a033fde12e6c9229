// Units of one corporation: residential suites numbered by floor ("1203"),
// then commercial ("C-1"), parking ("P-12") and lockers ("L-4").
import type { SizeSpec } from './sizes';
import type { PeopleFactory } from './people';
import type { Unit, UnitKind } from './types';

export function residentialNumber(spec: SizeSpec, r: number): string {
  const floorIndex = Math.floor(r / spec.perFloor);
  let floor = spec.firstFloor + floorIndex;
  // Toronto towers usually skip the 13th floor.
  if (floor >= 13) floor += 1;
  return `${floor}${String((r % spec.perFloor) + 1).padStart(2, '0')}`;
}

export function makeUnits(
  spec: SizeSpec,
  factory: PeopleFactory,
  plan: string,
  updatedAt: string,
): Unit[] {
  const units: Unit[] = [];
  const add = (kind: UnitKind, number: string, legalDescription: string) => {
    const id = factory.id('u');
    units.push({
      id,
      number,
      legalDescription,
      kind,
      occupancy: 'Vacant',
      accountId: `a_${id.slice(2)}`,
      updatedAt,
    });
  };
  for (let r = 0; r < spec.residential; r++) {
    const level = Math.floor(r / spec.perFloor) + 1;
    add('residential', residentialNumber(spec, r), `Unit ${(r % spec.perFloor) + 1}, Level ${level}, ${plan}`);
  }
  for (let i = 0; i < spec.commercial; i++) add('commercial', `C-${i + 1}`, `Unit ${i + 1}, Level 1, ${plan}`);
  for (let i = 0; i < spec.parking; i++) add('parking', `P-${i + 1}`, `Unit ${i + 1}, Level A, ${plan}`);
  for (let i = 0; i < spec.lockers; i++) add('locker', `L-${i + 1}`, `Unit ${i + 1}, Level B, ${plan}`);
  return units;
}
