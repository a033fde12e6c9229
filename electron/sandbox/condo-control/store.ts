// Condo Control's store: one SQLite file (WAL), seeded only when empty so
// edits and synced users survive a restart; POST /_sandbox/reset reseeds.
import { MonotonicClock } from '../common/clock';
import type { PortfolioChoice } from '../common/control-routes';
import { metaAccess, openStore, shouldSeed, type Db, type ReseedPolicy } from '../common/sqlite';
import type { Size } from '../portfolio/types';
import { Accounts } from './accounts';
import { Directory } from './directory';
import { CC_SCHEMA, CC_SCHEMA_VERSION } from './schema';
import { seedCondoControl } from './seed';
import { Users } from './users';

export interface CcStoreOptions {
  file: string;
  seed: number;
  size: Size;
  reseed?: ReseedPolicy;
}

export class CcStore {
  readonly db: Db;
  readonly directory: Directory;
  readonly users: Users;
  readonly accounts: Accounts;
  private readonly meta;

  constructor(opts: CcStoreOptions) {
    this.db = openStore(opts.file, CC_SCHEMA_VERSION, CC_SCHEMA).db;
    this.meta = metaAccess(this.db);
    if (shouldSeed(this.meta, opts)) seedCondoControl(this.db, opts.seed, opts.size);
    const latest = this.db
      .prepare('SELECT MAX(m) FROM (SELECT MAX(updated_at) AS m FROM users UNION ALL SELECT MAX(updated_at) FROM invoices UNION ALL SELECT MAX(updated_at) FROM payments)')
      .pluck()
      .get() as string | null;
    const clock = new MonotonicClock(latest);
    this.directory = new Directory(this.db);
    this.users = new Users(this.db, this.directory, clock);
    this.accounts = new Accounts(this.db, clock);
  }

  portfolio(): PortfolioChoice {
    return { seed: Number(this.meta.get('seed')), size: (this.meta.get('size') ?? 'small') as Size };
  }

  reset(choice: PortfolioChoice): void {
    seedCondoControl(this.db, choice.seed, choice.size);
    this.users.reload();
    this.accounts.reload();
  }

  close(): void {
    this.db.close();
  }
}
