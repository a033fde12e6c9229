/** Nightly slots already queued: one row per local day, so a day never runs twice. */
import type { Executor } from '../kysely';

export class ScheduleRunRepository {
  constructor(private readonly db: Executor) {}

  /** True once the slot (a local date, YYYY-MM-DD) has a run. */
  async claimed(slot: string): Promise<boolean> {
    return (await this.db.selectFrom('schedule_runs').select('slot').where('slot', '=', slot).executeTakeFirst()) !== undefined;
  }

  /**
   * Takes the slot for this engine before its run is queued: true for the
   * one caller (of every engine sharing the database) that inserted the row,
   * false when the slot was taken already. The job id follows (`claim`).
   */
  async take(slot: string, at: string): Promise<boolean> {
    const row = await this.db
      .insertInto('schedule_runs')
      .values({ slot, job_id: null, queued_at: at })
      .onConflict((oc) => oc.column('slot').doNothing())
      .returning('slot')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Gives a taken slot back (its run could not be queued), so a later start or wake tries again. */
  async untake(slot: string): Promise<void> {
    await this.db.deleteFrom('schedule_runs').where('slot', '=', slot).where('job_id', 'is', null).execute();
  }

  /** Records the slot's run; a slot claimed already keeps its first job. */
  async claim(slot: string, jobId: string, at: string): Promise<void> {
    await this.db
      .insertInto('schedule_runs')
      .values({ slot, job_id: jobId, queued_at: at })
      .onConflict((oc) => oc.column('slot').doUpdateSet({ job_id: jobId }).where('schedule_runs.job_id', 'is', null))
      .execute();
  }
}
