import type { Catalogue } from '../catalogue';
import type { desktop as en } from '../en/desktop';

export const desktop: Catalogue<typeof en> = {
  pause: {
    pausedUntil: 'En pause jusqu’à {{time}}',
    pausedUntilDay: 'En pause jusqu’à {{when}}',
    pausedIndefinitely: 'En pause',
    hint: 'La synchronisation nocturne et celle des factures et paiements en temps réel attendent. Une synchronisation lancée par vous s’exécute quand même.',
    resume: 'Reprendre la synchronisation',
    menu: 'Mettre la synchronisation en pause',
    forHour: 'Pendant 1 heure',
    untilTomorrow: 'Jusqu’à demain, 8 h',
    untilResumed: 'Jusqu’à ce que je la reprenne',
    failed: 'Impossible de mettre en pause ou de reprendre la synchronisation',
  },
};
