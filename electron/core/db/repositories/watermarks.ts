/** Read positions: per building and entity, the (updated_at, id) of the last row staged. */
import type { Executor } from '../kysely';

export interface Watermark {
  updatedAt: string;
  id: string;
}

export class WatermarkRepository {
  constructor(private readonly db: Executor) {}

  /** The position of `scope` (`<corporation>:<units|owners|tenants>`), or undefined before the first read. */
  async get(scope: string): Promise<Watermark | undefined> {
    const row = await this.db.selectFrom('watermarks').select(['updated_at', 'last_id']).where('scope', '=', scope).executeTakeFirst();
    return row?.updated_at ? { updatedAt: row.updated_at, id: row.last_id as string } : undefined;
  }

  async set(scope: string, wm: Watermark): Promise<void> {
    await this.db
      .insertInto('watermarks')
      .values({ scope, updated_at: wm.updatedAt, last_id: wm.id })
      .onConflict((oc) => oc.column('scope').doUpdateSet((eb) => ({ updated_at: eb.ref('excluded.updated_at'), last_id: eb.ref('excluded.last_id') })))
      .execute();
  }
}
