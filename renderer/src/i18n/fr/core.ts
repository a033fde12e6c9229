import type { Catalogue } from '../catalogue';
import type { core as en } from '../en/core';

export const core: Catalogue<typeof en> = {
  who: {
    owner: 'Le propriétaire',
    tenant: 'Le locataire',
    ownerOf: 'Le propriétaire de l’unité {{unit}}',
    tenantOf: 'Le locataire de l’unité {{unit}}',
    another: 'un autre résident',
  },
  role: { Owner: 'Propriétaire', Tenant: 'Locataire' },
  system: { 'Condo Manager': 'Condo Manager', 'Condo Control': 'Condo Control', other: 'Un système connecté' },
  field: { email: 'courriel', phoneNumber: 'numéro de téléphone', firstName: 'prénom', lastName: 'nom de famille', language: 'langue' },
  someValues: 'certaines valeurs',
  none: 'aucune',
  unitMissing:
    'L’unité {{unit}} n’est pas dans le Dossier des unités de Condo Control; ses résidents ne peuvent donc pas y être rattachés. Vérifiez que le numéro d’unité dans Condo Manager (Information → Unités) correspond au nom de l’unité dans Condo Control.',
  badEmail: '{{who}} a un courriel que Condo Control ne peut pas accepter ({{email}}). Cette personne a été synchronisée sans courriel. Corrigez-le dans Condo Manager (Information → {{role}}).',
  badEmailKept: '{{who}} a un courriel que Condo Control ne peut pas accepter ({{email}}). Condo Control conserve le courriel qu’il a déjà. Corrigez-le dans Condo Manager (Information → {{role}}).',
  sharedInUnit:
    'Deux résidents de l’unité {{unit}} partagent le courriel {{email}}. Condo Control exige un courriel unique pour la connexion; un seul des deux l’a donc reçu. Donnez à chacun son propre courriel dans Condo Manager (Information → {{role}}).',
  sharedWith:
    '{{who}} partage le courriel {{email}} avec {{other}}. Condo Control exige un courriel unique pour la connexion; un seul des deux l’a donc reçu. Donnez à chacun son propre courriel dans Condo Manager (Information → {{role}}).',
  pastResidentEmail:
    '{{who}} a le courriel {{email}} d’un ancien résident de l’unité {{units}} qui porte un autre nom. S’il s’agit de la même personne, corrigez le nom dans Condo Manager (Information → {{role}}) pour que son utilisateur Condo Control la suive; d’ici là, elle reçoit son propre utilisateur.',
  pastResidentEmailNoUnit:
    '{{who}} a le courriel {{email}} d’un ancien résident qui porte un autre nom dans Condo Control. S’il s’agit de la même personne, corrigez le nom dans Condo Manager (Information → {{role}}) pour que son utilisateur Condo Control la suive; d’ici là, elle reçoit son propre utilisateur.',
  emailOtherName:
    '{{who}} utilise le courriel {{email}}, qui appartient à un autre utilisateur de Condo Control portant un nom différent. Cette personne a été synchronisée sans ce courriel. Vérifiez à qui appartient le courriel et corrigez-le dans Condo Manager, ou dans Condo Control si c’est cet utilisateur qui est erroné.',
  emailOther:
    '{{who}} utilise le courriel {{email}}, qui appartient à un autre utilisateur de Condo Control. Cette personne a été synchronisée sans ce courriel. Vérifiez à qui appartient le courriel et corrigez-le dans Condo Manager.',
  relatedMissing: '{{who}} est rattaché à l’unité {{unit}}, qui n’est pas dans le Dossier des unités de Condo Control. Vérifiez que le numéro d’unité dans Condo Manager correspond à Condo Control.',
  relatedMissingUnknown:
    '{{who}} est rattaché à une unité absente de Condo Manager, qui n’est pas dans le Dossier des unités de Condo Control. Vérifiez que le numéro d’unité dans Condo Manager correspond à Condo Control.',
  deactivatedInCc: '{{who}} est actif dans Condo Manager mais désactivé dans Condo Control. Réactivez l’utilisateur dans le Dossier des unités de Condo Control s’il habite toujours ici.',
  refusedValue: 'Condo Control a refusé le champ « {{field}} » pour {{whoLower}}; la fiche a donc été synchronisée sans ce champ. Corrigez-le dans Condo Manager (Information → {{role}}).',
  refusedEmail: 'Condo Control a refusé le courriel ({{email}}) pour {{whoLower}}; la fiche a donc été synchronisée sans ce courriel. Corrigez-le dans Condo Manager (Information → {{role}}).',
  movedOut:
    'A déménagé le {{on}} selon Condo Manager, mais y est toujours Actif. Terminez le départ dans Condo Manager. D’ici là, la personne reste active dans Condo Control (Information → {{role}}).',
  movesIn:
    'Emménage le {{on}} selon Condo Manager, mais y est déjà Actif; la personne peut donc déjà se connecter à Condo Control. Si elle n’a pas encore emménagé, vérifiez le statut et la date d’arrivée dans Condo Manager (Information → {{role}}).',
  emailTakenCreated:
    'Le courriel {{email}} est déjà utilisé par un autre utilisateur de Condo Control; cette personne a donc été créée sans courriel. Vérifiez à qui appartient le courriel et corrigez-le dans Condo Manager.',
  emailTakenNotSet:
    'Le courriel {{email}} est déjà utilisé par un autre utilisateur de Condo Control; il n’a donc pas été inscrit. Vérifiez à qui appartient le courriel et corrigez-le dans Condo Manager.',
  overwritten: 'La valeur de Condo Manager a remplacé une modification faite dans Condo Control ({{fields}}).',
  movedWith: 'Même résident, passé de l’unité {{from}} à {{to}}.',
  movedOn: 'Même résident, maintenant {{whereLower}} dans Condo Manager : son utilisateur Condo Control l’a suivi.',
  movedOnNewRecord: 'Même résident, maintenant dans une nouvelle fiche de Condo Manager : son utilisateur Condo Control l’a suivi.',
  pastNeverSynced: 'Un ancien résident qui n’a jamais été dans Condo Control : rien à faire.',
  recordKind: { unit: 'd’unité', owner: 'de propriétaire', tenant: 'de locataire' },
  unreadableRecord: 'Condo Manager a envoyé une fiche {{kind}} illisible ({{field}} : {{detail}}). Les autres ont été synchronisées; celle-ci est relue à chaque synchronisation jusqu’à ce qu’elle soit corrigée dans Condo Manager.',
  unreadableRecordBefore: 'Condo Manager a envoyé une fiche {{kind}} illisible ({{field}} : {{detail}}). Les autres ont été synchronisées; celle-ci est relue à chaque synchronisation jusqu’à ce qu’elle soit corrigée dans Condo Manager.',
  unreadableUser: 'Condo Control a envoyé l’utilisateur de ce résident sous une forme illisible; rien n’a donc été écrit. La fiche sera réessayée à la prochaine synchronisation.',
  groupMissing: 'Le groupe « {{group}} » n’existe pas dans Condo Control. Choisissez un groupe existant dans Paramètres → Groupes.',
  vanished: 'N’est plus dans Condo Manager : désactivé dans Condo Control (jamais supprimé).',
  vanishedGuarded: 'Un vrai rapprochement demande d’abord une confirmation : {{count}} résidents sur {{size}}, c’est plus de {{percent}} % de l’immeuble.',
  reconcileGuard:
    'Le rapprochement complet désactiverait {{count}} résidents sur {{size}} dans un immeuble (plus de {{percent}} %). Cela signifie habituellement que Condo Manager a renvoyé une liste incomplète. Confirmez dans la file de synchronisation pour continuer, ou annulez.',
  refused:
    'Condo Control a refusé cette fiche ({{fields}}). Vérifiez ces valeurs dans Condo Manager; les autres fiches ont été synchronisées, et celle-ci sera réessayée à la prochaine synchronisation.',
  noAnswer: '{{system}} n’a pas répondu. Vérifiez le réseau et son adresse dans Paramètres → Connexions. Rien n’a été perdu; la synchronisation sera relancée.',
  noAnswerRecord: '{{system}} n’a pas répondu. Vérifiez le réseau et son adresse dans Paramètres → Connexions. Rien n’a été perdu; cette fiche sera réessayée à la prochaine synchronisation.',
  refusedSignIn: '{{system}} a refusé la connexion de Condo Sync. Vérifiez les identifiants dans Paramètres → Connexions.',
  slowDown: '{{system}} a demandé à répétition à Condo Sync de ralentir. Rien n’a été perdu; la synchronisation sera relancée plus tard.',
  upstream: '{{system}} a répondu par une erreur sans explication. Rien n’a été perdu; la synchronisation sera relancée.',
  upstreamRecord: '{{system}} a répondu par une erreur sans explication. Rien n’a été perdu; cette fiche sera réessayée à la prochaine synchronisation.',
  stoppedUnexpectedly: 'La synchronisation s’est arrêtée de façon inattendue. Rien n’a été perdu; elle sera relancée. Si cela se répète, communiquez avec le soutien.',
  diskFull:
    'Le disque où Condo Sync garde ses données est plein (ou ne peut pas être écrit). Libérez de l’espace; rien n’a été perdu, et la synchronisation reprendra dès qu’il y aura de la place.',
  deactivateFailed: 'Condo Control n’a pas désactivé cet utilisateur.',
  retriedNextReconcile: 'Elle sera réessayée au prochain rapprochement.',
  buildingsFailed: '{{buildings}} n’a pas pu être synchronisé : {{reason}} Les autres immeubles ont été synchronisés.',
  buildingsUnmatched: 'Aucun immeuble de Condo Control ne correspond à {{buildings}}. Nommez l’immeuble dans Condo Control d’après le code de la corporation, puis relancez la synchronisation.',
  engineFenced: 'Ce moteur a perdu la base de données partagée pendant {{seconds}} s.',
  engineFencedBody: 'Ses synchronisations se sont arrêtées ici pour qu’aucune ne s’exécute deux fois; elles se poursuivent sur un autre moteur, ou ici dès que la base de données répondra de nouveau. Rien n’a été perdu.',
  engineRejoined: 'Ce moteur a retrouvé la base de données partagée et reprend les synchronisations.',
};
