/** The core's English notes read in French, with names, units and emails kept exactly as they are. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../renderer/src/i18n';
import { coreText } from '../../renderer/src/lib/core-text';

describe('core notes in French', () => {
  beforeAll(() => i18n.changeLanguage('fr'));
  afterAll(() => i18n.changeLanguage('en'));

  it('translates a shared-email note and keeps the unit and the email untouched', () => {
    const note = 'Two residents of unit 1203 share the email josée.o’brien@exemple.ca. Condo Control needs a unique email to log in, so only one of them has it. Give each their own email in Condo Manager (Information → Owner).';
    const fr = coreText(note);
    expect(fr).toContain('Deux résidents de l’unité 1203 partagent le courriel josée.o’brien@exemple.ca.');
    expect(fr).toContain('Information → Propriétaire');
    expect(fr).not.toMatch(/\bshare\b|\bemail\b/);
  });

  it('translates two notes joined in one message, each on its own', () => {
    const msg =
      "The tenant of unit PH-2 has an email Condo Control cannot accept (not an email). They were synced without one. Correct it in Condo Manager (Information → Tenant). The tenant of unit PH-2 is active in Condo Manager but deactivated in Condo Control. Reactivate the user in Condo Control's Unit File if they still live here.";
    const fr = coreText(msg);
    expect(fr).toBe(
      'Le locataire de l’unité PH-2 a un courriel que Condo Control ne peut pas accepter (not an email). Cette personne a été synchronisée sans courriel. Corrigez-le dans Condo Manager (Information → Locataire). Le locataire de l’unité PH-2 est actif dans Condo Manager mais désactivé dans Condo Control. Réactivez l’utilisateur dans le Dossier des unités de Condo Control s’il habite toujours ici.',
    );
  });

  it("reads the engine's own invalid-email notes in French, the email as typed", async () => {
    const { badEmailNote } = await import('../../electron/core/sync/refused');
    expect(coreText(badEmailNote('josée..roy@exemple.ca', 'The owner of unit 1203', 'owner', true))).toBe(
      'Le propriétaire de l’unité 1203 a un courriel que Condo Control ne peut pas accepter (josée..roy@exemple.ca). Condo Control conserve le courriel qu’il a déjà. Corrigez-le dans Condo Manager (Information → Propriétaire).',
    );
    expect(coreText(badEmailNote('O’Brien <ob@exemple.ie>', 'The tenant', 'tenant', false))).toMatch(/^Le locataire a un courriel .*\(O’Brien <ob@exemple\.ie>\)\. Cette personne a été synchronisée sans courriel\./);
  });

  it('reads a full disk and an email Condo Control refused in French', async () => {
    const { DISK_FULL } = await import('../../electron/core/jobs/error-text');
    expect(coreText(DISK_FULL)).toMatch(/^Le disque où Condo Sync garde ses données est plein/);
    expect(coreText('Condo Control refused the email of the tenant of unit 602 (zoé@exämple.ca), so it was synced without it. Correct it in Condo Manager (Information → Tenant).')).toBe(
      'Condo Control a refusé le courriel (zoé@exämple.ca) pour le locataire de l’unité 602; la fiche a donc été synchronisée sans ce courriel. Corrigez-le dans Condo Manager (Information → Locataire).',
    );
  });

  it('reads a balance-check difference in French, amounts as Quebec readers write them', async () => {
    const { differenceInWords } = await import('../../electron/core/sync/balance-check');
    const where = { unitId: 'u1', unitNumber: 'PH-2', corporationId: 'c1', corporationCode: 'TSCC 2750' };
    const differs = differenceInWords({ ...where, condoManagerCents: 123_456, condoControlCents: 122_222, differenceCents: 1_234 });
    expect(differs).toBe('Unit PH-2 (TSCC 2750): Condo Manager shows $1,234.56, Condo Control shows $1,222.22; Condo Manager shows $12.34 more.');
    expect(coreText(differs)).toMatch(/^Unité PH-2 \(TSCC 2750\) : Condo Manager indique 1\s234,56\s\$, Condo Control indique 1\s222,22\s\$; Condo Manager indique 12,34\s\$ de plus\.$/u);
    const credit = differenceInWords({ ...where, condoManagerCents: -500, condoControlCents: 0, differenceCents: -500 });
    // A credit: the minus sign of typesetting, and the system that shows more named.
    expect(coreText(credit)).toMatch(/^Unité PH-2 \(TSCC 2750\) : Condo Manager indique \u22125,00\s\$, Condo Control indique 0,00\s\$; Condo Control indique 5,00\s\$ de plus\.$/u);
    const missing = differenceInWords({ ...where, condoManagerCents: 9_900, differenceCents: 9_900 });
    expect(coreText(missing)).toMatch(/^Unité PH-2 \(TSCC 2750\) : Condo Manager indique un solde de 99,00\s\$, mais l’unité n’est pas dans Condo Control\.$/u);
  });

  it('reads an unreadable-record failure in French, as written now and as older versions wrote it', () => {
    const now = 'Condo Manager sent an unreadable tenant record (firstName: U+0000 in text). The others were synced; this one is read again on every sync until it is corrected in Condo Manager.';
    const before = 'Condo Manager sent a owner record that could not be read (email: owner email: Invalid email address). The others were synced; this one is read again on every sync until it is corrected in Condo Manager.';
    expect(coreText(now)).toMatch(/^Condo Manager a envoyé une fiche (de )?locataire illisible \(firstName : U\+0000 in text\)\. Les autres/);
    expect(coreText(before)).toMatch(/^Condo Manager a envoyé une fiche (de )?propriétaire illisible \(courriel : owner email: Invalid email address\)\. Les autres/);
  });

  it('leaves a sentence it does not know as written rather than hiding it', () => {
    expect(coreText('Something new the core says.')).toBe('Something new the core says.');
  });

  it('changes nothing in English', async () => {
    await i18n.changeLanguage('en');
    const note = "Unit 7 is not in Condo Control's Unit File, so its residents cannot be related to it. Check the unit number in Condo Manager (Information → Units) matches the unit's name in Condo Control.";
    expect(coreText(note)).toBe(note);
    await i18n.changeLanguage('fr');
    expect(coreText(note)).toContain('L’unité 7 n’est pas dans le Dossier des unités');
  });
});
