/** The Quebec French catalogue, typed against the English one, one file per area. */
import { about } from './about';
import { access } from './access';
import { balances } from './balances';
import { common } from './common';
import { desktop } from './desktop';
import { office } from './office';
import { core } from './core';
import { connections } from './connections';
import { groups } from './groups';
import { preview } from './preview';
import { runs } from './runs';
import { exportFiles } from './exports';
import { summary } from './summary';
import { userSection } from './userSection';
import { whatSyncs } from './whatSyncs';
import { errors } from './errors';
import { format } from './format';
import { home } from './home';
import { job } from './job';
import { queue } from './queue';
import { resident } from './resident';
import { settings } from './settings';
import { shell } from './shell';
import { sync } from './sync';
import { unit } from './unit';
import { units } from './units';

import type { Catalogue } from '../catalogue';
import type { en } from '../en';

export const fr: Catalogue<typeof en> = { common, core, shell, format, errors, home, units, unit, resident, queue, job, balances, settings, sync, connections, groups, userSection, desktop, summary, preview, exportFiles, whatSyncs, runs, about, office, access };
