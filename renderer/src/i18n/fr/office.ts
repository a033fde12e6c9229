import type { Catalogue } from '../catalogue';
import type { office as en } from '../en/office';

/** Paramètres → Se connecter à un serveur du bureau, et le bandeau quand le serveur est injoignable (application de bureau seulement). */
export const office: Catalogue<typeof en> = {
  title: 'Se connecter à un serveur du bureau',
  description:
    'Utiliser le moteur Condo Sync du serveur de votre bureau plutôt que celui de cet ordinateur. Cet ordinateur ne fait alors tourner aucun moteur ni aucune synchronisation de nuit : la console, la zone de notification et les notifications montrent les synchronisations du serveur.',
  url: 'Adresse du serveur',
  urlHelp: 'Fournie par la personne qui gère le serveur, par exemple https://sync.bureau.exemple:4780. Coller le lien affiché par le serveur remplit aussi la clé.',
  key: 'Clé d’accès',
  keyHelp: 'Conservée sur cet ordinateur avec son trousseau. Elle n’est plus jamais affichée.',
  keyHelpSaved: 'Laissez vide pour garder la clé enregistrée.',
  test: 'Tester',
  testing: 'Test en cours…',
  connect: 'Enregistrer et se connecter',
  connecting: 'Connexion en cours…',
  reconnect: 'Enregistrer et se reconnecter',
  disconnect: 'Se déconnecter et faire tourner le moteur sur cet ordinateur',
  disconnecting: 'Déconnexion en cours…',
  restarting: 'Condo Sync redémarre son moteur…',
  status: 'Serveur du bureau injoignable',
  what: 'La connexion au serveur du bureau',
  attached: 'Cette console utilise le serveur du bureau à {{url}}.',
  local: 'Le moteur tourne sur cet ordinateur.',
  link: {
    connecting: 'Connexion au serveur…',
    connected: 'Connecté : ce que vous voyez est en direct.',
    unreachable: 'Le serveur est injoignable. Nouvel essai en cours…',
    refused: 'Le serveur a refusé la clé d’accès de cet ordinateur.',
  },
  noKeyring: 'Cet ordinateur n’a pas de trousseau : la clé est gardée dans un fichier privé, sans chiffrement.',
  tested: {
    title: 'Le serveur du bureau a répondu',
    body: 'Condo Sync {{version}} à {{url}} a accepté cette clé. Son moteur travaille avec {{mode}}.',
    modeSandbox: 'les données de démonstration du bac à sable',
    modeLive: 'votre Condo Manager et votre Condo Control',
  },
  failed: 'Le serveur du bureau n’a pas pu être utilisé',
  reason: {
    https_required:
      'Utilisez une adresse https://. La clé d’accès accompagne chaque requête, et en http:// simple n’importe qui sur le réseau pourrait la lire; http:// ne sert que pour un serveur sur cet ordinateur. Le serveur démarre en HTTPS avec --tls-cert et --tls-key.',
    not_a_url: 'Entrez une adresse comme https://sync.bureau.exemple:4780.',
    key_required: 'Entrez la clé d’accès fournie avec l’adresse du serveur.',
    unreachable: 'Le serveur du bureau à {{url}} est injoignable. Vérifiez l’adresse et le réseau de cet ordinateur.',
    certificate: 'Le serveur du bureau à {{url}} a présenté un certificat auquel cet ordinateur ne fait pas confiance. Demandez à votre service informatique de l’installer sur cet ordinateur.',
    key_refused: 'Le serveur du bureau a refusé cette clé d’accès. Vérifiez-la auprès de la personne qui gère le serveur.',
    not_condo_sync: 'L’adresse {{url}} a répondu, mais pas comme un serveur Condo Sync. Vérifiez l’adresse.',
    timeout: 'Le serveur du bureau à {{url}} n’a pas répondu à temps. Réessayez.',
  },
  confirm: {
    title: 'Une synchronisation attend sur cet ordinateur',
    body_one: 'Une synchronisation est en attente ou en cours sur cet ordinateur. Se connecter l’annule; ce qu’elle a déjà écrit dans Condo Control reste. Le serveur du bureau fait ensuite ses propres synchronisations.',
    body_other: '{{count}} synchronisations sont en attente ou en cours sur cet ordinateur. Se connecter les annule; ce qu’elles ont déjà écrit dans Condo Control reste. Le serveur du bureau fait ensuite ses propres synchronisations.',
    keep: 'Continuer ici',
    cancelAndConnect: 'Annuler et se connecter',
  },
  confirmDisconnect: {
    title: 'Faire tourner le moteur sur cet ordinateur?',
    body: 'Condo Sync redémarre avec son propre moteur et ses propres données sur cet ordinateur, et refait la synchronisation de nuit ici. Le serveur du bureau continue de tourner pour les autres.',
    cancel: 'Rester connecté',
    confirm: 'Se déconnecter',
  },
  banner: {
    unreachable: 'Le serveur du bureau à {{url}} est injoignable. Nouvel essai en cours…',
    staleSince: 'Ce que vous voyez date de {{time}} et n’est pas en direct.',
    staleNever: 'Rien n’a encore été lu sur ce serveur.',
    refused: 'Le serveur du bureau à {{url}} a refusé la clé d’accès de cet ordinateur.',
    refusedBody: 'Entrez la clé de nouveau dans Paramètres → Se connecter à un serveur du bureau.',
    connecting: 'Connexion au serveur du bureau à {{url}}…',
  },
};
