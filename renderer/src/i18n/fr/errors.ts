import type { Catalogue } from '../catalogue';
import type { errors as en } from '../en/errors';

export const errors: Catalogue<typeof en> = {
  notYet: {
    title: 'Pas encore offert dans cette version',
    body: '{{what}} : encore en développement dans Condo Sync. Rien n’a été modifié et rien n’a été perdu.',
    this: 'Cette fonction',
  },
  unavailable: {
    title: 'Condo Sync ne répond pas',
    body: 'Vérifiez que Condo Sync fonctionne toujours, puis réessayez. Rien n’a été perdu.',
  },
  unauthorized: {
    title: 'Cette fenêtre n’est plus connectée',
    bodyDesktop: 'Rouvrez la console à partir de l’icône de Condo Sync dans la barre d’état. Rien n’a été perdu.',
    bodyBrowser: 'Rouvrez la console avec le lien affiché par Condo Sync au démarrage (il se termine par ?token=…). Rien n’a été perdu.',
  },
  notFound: {
    title: 'Introuvable',
    body: 'Il a peut-être été supprimé, ou n’est pas encore synchronisé. Rien n’a été perdu.',
  },
  upstream: {
    title: 'L’autre système n’a pas répondu à temps',
    body: 'Rien n’a été perdu; Condo Sync réessaiera. Vous pouvez aussi réessayer dans quelques minutes.',
  },
  invalid: {
    title: 'Vérifiez les champs indiqués',
    body: 'Rien n’a encore été enregistré.',
    checkFields: 'Vérifiez les champs indiqués plus haut. Rien n’a été enregistré.',
  },
  conflict: {
    title: 'Impossible pour le moment',
    body: 'Quelque chose a changé entre-temps. Rechargez et réessayez; rien n’a été perdu.',
  },
  internal: {
    title: 'Un problème est survenu',
    body: 'Rien n’a été perdu. Réessayez et, si le problème revient, communiquez avec le soutien.',
  },
  field: {
    required: 'Ce champ est obligatoire',
    tooLong: 'C’est trop long',
    atLeast: 'Entrez {{n}} ou plus',
    atMost: 'Entrez {{n}} ou moins',
    check: 'Vérifiez cette valeur',
    noAt: 'Ne doit pas commencer par @ : utilisez le nom de la personne, par exemple « Marie (accueil) »',
    oneLine: 'Écrivez-le sur une seule ligne, sans tabulation',
    retentionCross: 'Ne gardez pas le détail des fiches plus longtemps que les synchronisations auxquelles il appartient',
  },
  stale: 'Affichage des dernières données chargées; elles peuvent ne plus être à jour.',
};
