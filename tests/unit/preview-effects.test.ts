// Issue 10, section 4: a preview names its side effects, with the list behind each number.
import { describe, expect, it } from 'vitest';
import { previewEffects } from '@shared/preview';
import type { JobOutcome } from '@shared/types';

let n = 0;
const o = (outcome: JobOutcome['outcome'], extra: Partial<JobOutcome> = {}): JobOutcome => ({
  id: ++n,
  entity: 'person',
  entityId: `p${n}`,
  outcome,
  at: '2026-11-30T12:00:00Z',
  ...extra,
});

describe('preview side effects', () => {
  it('sorts each record into one effect, and marks group moves among the updated', () => {
    const moved = o('updated', { changes: [{ field: 'groups', condoManager: 'Renters', condoControl: 1 }] });
    const e = previewEffects([
      o('created', { label: 'Zoé O’Brien' }),
      o('created'),
      moved,
      o('updated', { changes: [{ field: 'email', condoManager: 'a@b.ca', condoControl: 'c@d.ca' }] }),
      o('deactivated', { changes: [{ field: 'active', condoManager: false, condoControl: true }] }),
      o('conflict', { message: 'Two residents share…' }),
      o('unchanged'),
      o('failed'),
      o('updated', { entity: 'unit', changes: [{ field: 'unitType', condoManager: 'Rental', condoControl: 'Vacant' }] }),
    ]);
    expect(e.created.map((x) => x.label)).toEqual(['Zoé O’Brien', undefined]);
    expect(e.updated).toHaveLength(2);
    expect(e.movedGroups).toEqual([moved]);
    expect(e.deactivated).toHaveLength(1);
    expect(e.attention).toHaveLength(1);
    expect(e.failed).toHaveLength(1);
    expect(e.units).toHaveLength(1);
  });

  it('counts a new user who also needs attention as created, once', () => {
    const flagged = o('conflict', { effect: 'created', message: 'Zoé D’Arcy shares the email…' });
    const moved = o('conflict', { effect: 'updated', changes: [{ field: 'groups', condoManager: 'Renters', condoControl: 1 }] });
    const outcomes = [o('created'), flagged, moved, o('conflict'), o('unchanged')];
    const e = previewEffects(outcomes);
    expect(e.created).toEqual([outcomes[0], flagged]);
    expect(e.updated).toEqual([moved]);
    expect(e.movedGroups).toEqual([moved]);
    expect(e.attention).toEqual([outcomes[3]]);
    expect(e.created.length + e.updated.length + e.attention.length + 1).toBe(outcomes.length);
  });
});
