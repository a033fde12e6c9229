import { describe, expect, it } from 'vitest';
import { generateLedger, generateStructure, handMadeUsers } from '../../electron/sandbox/portfolio';
import { corporationCodeOfWorkspace, workspaceName } from '../../electron/sandbox';
import type { CorporationData, Invoice, Payment, Size } from '../../electron/sandbox/portfolio/types';

function portfolio(seed: number, size: Size) {
  const corps: Array<CorporationData & { invoices: Invoice[]; payments: Payment[] }> = [];
  for (const data of generateStructure(seed, size)) corps.push({ ...data, ...generateLedger(seed, size, data) });
  return corps;
}

describe('demo portfolio', () => {
  it('is the same for the same seed and size', () => {
    expect(JSON.stringify(portfolio(2750, 'small'))).toBe(JSON.stringify(portfolio(2750, 'small')));
    expect(JSON.stringify(portfolio(7, 'medium'))).toBe(JSON.stringify(portfolio(7, 'medium')));
  });

  it('differs for a different seed, while the story stays', () => {
    const [a] = portfolio(2750, 'small');
    const [b] = portfolio(2751, 'small');
    expect(JSON.stringify(a!.people)).not.toBe(JSON.stringify(b!.people));
    expect(a!.units.map((u) => u.id)).not.toEqual(b!.units.map((u) => u.id));
    for (const corp of [a!, b!]) {
      expect(corp.corporation.code).toBe('TSCC 2750');
      expect(corp.people.filter((p) => p.person.firstName === 'Scott' && p.person.lastName === 'Mills')).toHaveLength(1);
    }
  });

  it('small: TSCC 2750 in Toronto with every case the sync must handle', () => {
    const corps = portfolio(2750, 'small');
    expect(corps).toHaveLength(1);
    const [c] = corps;
    const { corporation, units, people, invoices, payments } = c!;
    expect(corporation).toMatchObject({ id: 'corp_tscc2750', code: 'TSCC 2750', timezone: 'America/Toronto' });
    const kinds = (k: string) => units.filter((u) => u.kind === k);
    expect(kinds('residential').length).toBeGreaterThanOrEqual(38);
    expect(kinds('residential').length).toBeLessThanOrEqual(45);
    expect(kinds('parking').length).toBeGreaterThan(0);
    expect(kinds('locker').length).toBeGreaterThan(0);
    expect(units.map((u) => u.number)).toEqual(expect.arrayContaining(['1203', 'P-12', 'L-4']));

    const byUnit = new Map<string, number>();
    for (const p of people) if (p.role === 'Owner' && p.person.status === 'Active') {
      const first = p.person.unitIds[0]!;
      byUnit.set(first, (byUnit.get(first) ?? 0) + 1);
    }
    expect([...byUnit.values()].some((n) => n >= 2)).toBe(true);

    // Scott: an owner with an email, one residential unit, and it is his unitIds[0].
    const scott = people.find((p) => p.person.firstName === 'Scott')!;
    expect(scott.role).toBe('Owner');
    expect(scott.person.email).toBe('scott.mills@example.com');
    const unitKind = new Map(units.map((u) => [u.id, u.kind]));
    const residential = scott.person.unitIds.filter((id) => unitKind.get(id) === 'residential');
    expect(residential).toEqual([scott.person.unitIds[0]]);

    const emails = new Map<string, number>();
    for (const p of people) if (p.person.email) emails.set(p.person.email, (emails.get(p.person.email) ?? 0) + 1);
    expect([...emails.values()].some((n) => n === 2)).toBe(true);
    expect(people.some((p) => p.person.email === null)).toBe(true);
    expect(people.filter((p) => p.person.language === 'fr').length).toBeGreaterThan(2);
    const past = people.filter((p) => p.person.status === 'Past');
    expect(past.some((p) => p.role === 'Owner' && p.person.endDate !== null)).toBe(true);
    expect(people.some((p) => p.role === 'Tenant' && p.person.status === 'Active')).toBe(true);

    expect(new Set(invoices.map((i) => i.kind))).toEqual(
      new Set(['CommonExpense', 'SpecialAssessment', 'Chargeback', 'NSFFee', 'LateFee', 'Interest', 'Other']),
    );
    expect(invoices.some((i) => i.status === 'Void')).toBe(true);
    expect(payments.filter((p) => p.method === 'PAD').length).toBeGreaterThan(payments.length / 2);
    expect(payments.some((p) => p.status === 'Reversed')).toBe(true);
    // No banking details: PAD references name the month only.
    for (const p of payments.filter((x) => x.method === 'PAD')) expect(p.reference).toMatch(/^PAD \d{4}-\d{2}$/);
    for (const i of invoices) expect(i.totalCents).toBe(i.lines.reduce((s, l) => s + l.amountCents, 0));
    for (const id of [...units.map((u) => u.id), ...people.map((p) => p.person.id)]) expect(id).toMatch(/^(u|p)_[0-9a-z]+$/);
  });

  it('hand-made Condo Control users: one to link, one true conflict', () => {
    const [c] = portfolio(2750, 'small');
    const [linked, conflict] = handMadeUsers(2750, c!);
    const owner = c!.people.find((p) => p.person.email === linked!.email)!;
    expect([owner.person.firstName, owner.person.lastName]).toEqual([linked!.firstName, linked!.lastName]);
    const other = c!.people.find((p) => p.person.email === conflict!.email)!;
    expect(`${other.person.firstName} ${other.person.lastName}`).not.toBe(`${conflict!.firstName} ${conflict!.lastName}`);
  });

  it('medium and large have the sizes SYSTEMS.md promises', () => {
    const count = (size: Size, withLedger: boolean) => {
      const totals = { corps: 0, units: 0, people: 0, invoices: 0, codes: new Set<string>() };
      for (const data of generateStructure(2750, size)) {
        totals.corps++;
        totals.units += data.units.length;
        totals.people += data.people.length;
        totals.codes.add(data.corporation.code);
        if (withLedger) totals.invoices += generateLedger(2750, size, data).invoices.length;
      }
      return totals;
    };
    const medium = count('medium', false);
    expect(medium).toMatchObject({ corps: 5, units: 1000, people: 2500 });
    const large = count('large', true);
    expect(large.corps).toBeGreaterThanOrEqual(50);
    expect(large.codes.size).toBe(large.corps);
    expect(large.units).toBeGreaterThanOrEqual(10_000);
    expect(large.people).toBeGreaterThanOrEqual(25_000);
    expect(large.invoices).toBeGreaterThanOrEqual(200_000);
  });

  it('workspace names carry the corporation code for auto-mapping', () => {
    const name = workspaceName('TSCC 2750', '18 Harbour Street, Toronto ON');
    expect(corporationCodeOfWorkspace(name)).toBe('TSCC 2750');
  });
});
