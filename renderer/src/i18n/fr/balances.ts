import type { Catalogue } from '../catalogue';
import type { balances as en } from '../en/balances';

export const balances: Catalogue<typeof en> = {
  title: 'Soldes des résidents',
  description: 'Vérifiez ce qu’un propriétaire ou un locataire voit dans Condo Control sous Mon compte → Solde du compte. Obtenir le solde interroge le compte en direct dans Condo Manager et transfère les factures et paiements manquants.',
  getting: 'Obtention…',
  what: 'L’obtention d’un solde du compte ici',
  heading: 'Mon compte · Solde du compte · Unité {{number}}',
  fromCondoManager: 'Selon Condo Manager',
  paidInFull: 'Payé en entier',
  owing: 'à payer',
  inCredit: 'en crédit',
  picker: {
    label: 'Unité ou résident',
    placeholder: 'Tapez un numéro d’unité ou le nom d’un résident',
    show: 'Afficher les unités',
    help: 'Recherchez par numéro d’unité, ou par le nom ou le courriel d’un propriétaire ou d’un locataire.',
    noMatch: 'Aucune unité ne correspond.',
    searching: 'La recherche d’unités',
  },
  ledger: {
    empty: 'Aucune facture ni aucun paiement pour ce compte pour l’instant.',
    caption: 'Factures et paiements de l’unité {{number}}',
    date: 'Date',
    description: 'Description',
    type: 'Type',
    amount: 'Montant ($ CA)',
    status: 'Statut',
    invoice: 'Facture',
    payment: 'Paiement',
  },
  lineStatus: { Open: 'Ouverte', Paid: 'Payée', Void: 'Annulée', Posted: 'Inscrit', Reversed: 'Contrepassé' },
};
