// Condo Manager's store: one SQLite file (WAL), seeded only when empty so a
// trainer's edits survive a restart; POST /_sandbox/reset reseeds on purpose.
import { MonotonicClock } from '../common/clock';
import { metaAccess, openStore, shouldSeed, type Db, type ReseedPolicy } from '../common/sqlite';
import type { PortfolioChoice } from '../common/control-routes';
import type { Size } from '../portfolio/types';
import { ChangeFeed } from './feed';
import { LedgerWrites } from './ledger-writes';
import { PeopleWrites } from './people-writes';
import { CmReads } from './reads';
import { CM_SCHEMA, CM_SCHEMA_VERSION } from './schema';
import { seedCondoManager, type SeedCounts } from './seed';

export interface CmStoreOptions {
  file: string;
  seed: number;
  size: Size;
  reseed?: ReseedPolicy;
  /** How many change-feed events are kept (default 10,000). */
  feedRetention?: number;
}

export class CmStore {
  readonly db: Db;
  readonly reads: CmReads;
  readonly feed: ChangeFeed;
  readonly people: PeopleWrites;
  readonly ledger: LedgerWrites;
  private readonly meta;

  constructor(opts: CmStoreOptions) {
    this.db = openStore(opts.file, CM_SCHEMA_VERSION, CM_SCHEMA).db;
    this.meta = metaAccess(this.db);
    if (shouldSeed(this.meta, opts)) seedCondoManager(this.db, opts.seed, opts.size);
    this.reads = new CmReads(this.db);
    this.feed = new ChangeFeed(this.db, opts.feedRetention);
    // Never goes backwards, not even across a reset: later writes sort later.
    const clock = new MonotonicClock(this.reads.latestUpdatedAt());
    this.people = new PeopleWrites(this.db, this.reads, this.feed, clock);
    this.ledger = new LedgerWrites(this.db, this.reads, this.feed, clock);
  }

  portfolio(): PortfolioChoice {
    return { seed: Number(this.meta.get('seed')), size: (this.meta.get('size') ?? 'small') as Size };
  }

  reset(choice: PortfolioChoice): SeedCounts {
    const counts = seedCondoManager(this.db, choice.seed, choice.size);
    this.reads.changed();
    this.feed.notifyAll();
    return counts;
  }

  close(): void {
    this.db.close();
  }
}
