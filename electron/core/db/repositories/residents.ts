/** One resident as the User section reads them: the local copy of Condo Manager joined with the id map. */
import { sql, type Nullable, type Selectable } from 'kysely';
import type { Executor } from '../kysely';
import type { IdMapTable, PeopleTable } from '../schema';

/** A person of the local copy with their id_map row (null columns: never synced). */
export type ResidentRow = Pick<
  Selectable<PeopleTable>,
  'id' | 'corporation_id' | 'role' | 'first_name' | 'last_name' | 'email' | 'phones' | 'language' | 'status' | 'unit_ids'
> &
  Nullable<Pick<Selectable<IdMapTable>, 'target_id' | 'workspace_id' | 'last_synced_at' | 'sync_status' | 'attention' | 'synced_state'>>;

export class ResidentRepository {
  constructor(private readonly db: Executor) {}

  async get(id: string): Promise<ResidentRow | undefined> {
    return this.db
      .selectFrom('people as p')
      .leftJoin('id_map as m', (j) => j.on('m.entity', '=', 'person').onRef('m.source_id', '=', 'p.id'))
      .select([
        'p.id',
        'p.corporation_id',
        'p.role',
        'p.first_name',
        'p.last_name',
        'p.email',
        'p.phones',
        'p.language',
        'p.status',
        'p.unit_ids',
        'm.target_id',
        'm.workspace_id',
        'm.last_synced_at',
        'm.sync_status',
        'm.attention',
        'm.synced_state',
      ])
      .where('p.id', '=', id)
      .executeTakeFirst();
  }

  /**
   * The last-written Condo Control state (JSON) of the building's other
   * current residents whose Condo Manager email is `email` (compared trimmed
   * and lower-cased) and who have a Condo Control user.
   */
  async emailHolders(corporationId: string, exceptId: string, email: string): Promise<(string | null)[]> {
    const rows = await this.db
      .selectFrom('people as p')
      .innerJoin('id_map as m', (j) => j.on('m.entity', '=', 'person').onRef('m.source_id', '=', 'p.id'))
      .select('m.synced_state')
      .where('p.corporation_id', '=', corporationId)
      .where('p.id', '<>', exceptId)
      .where('p.status', '=', 'Active')
      .where(sql`lower(trim(p.email))`, '=', email)
      .where('m.target_id', 'is not', null)
      .execute();
    return rows.map((r) => r.synced_state);
  }
}
