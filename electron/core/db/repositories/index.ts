/**
 * Every read and write of engine state, one repository per aggregate, over
 * one Kysely instance (SQLite or PostgreSQL). Repositories are async and
 * accept a transaction in place of the database (`withExecutor`-style
 * constructors), so a caller that needs several writes in one transaction
 * builds them over `db.transaction().execute(trx => …)`.
 */
import type { Executor } from '../kysely';
import { JobHistoryRepository } from './job-history';
import { JobRepository } from './jobs';
import { LedgerRepository } from './ledger';
import { ReportRepository } from './reports';
import { ResidentRepository } from './residents';
import { UnitFileRepository } from './unit-file';

export interface Repositories {
  readonly db: Executor;
  readonly unitFile: UnitFileRepository;
  readonly residents: ResidentRepository;
  readonly reports: ReportRepository;
  readonly jobHistory: JobHistoryRepository;
  readonly jobs: JobRepository;
  readonly ledger: LedgerRepository;
}

export function createRepositories(db: Executor): Repositories {
  return {
    db,
    unitFile: new UnitFileRepository(db),
    residents: new ResidentRepository(db),
    reports: new ReportRepository(db),
    jobHistory: new JobHistoryRepository(db),
    jobs: new JobRepository(db),
    ledger: new LedgerRepository(db),
  };
}
