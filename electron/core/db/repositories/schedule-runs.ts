/** Nightly slots already queued: one row per local day, so a day never runs twice. */
import type { Executor } from '../kysely';

export class ScheduleRunRepository {
  constructor(private readonly db: Executor) {}

  /** True once the slot (a local date, YYYY-MM-DD) has a run. */
  async claimed(slot: string): Promise<boolean> {
    return (await this.db.selectFrom('schedule_runs').select('slot').where('slot', '=', slot).executeTakeFirst()) !== undefined;
  }

  /** Records the slot's run; a slot claimed already keeps its first job. */
  async claim(slot: string, jobId: string, at: string): Promise<void> {
    await this.db.insertInto('schedule_runs').values({ slot, job_id: jobId, queued_at: at }).onConflict((oc) => oc.column('slot').doNothing()).execute();
  }
}
