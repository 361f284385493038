import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

/**
 * Makes every insert into `event_outbox` fail (a trigger), as a crash between a state change and its event would;
 * answers the function that lifts it.
 */
export async function refuseOutboxInserts(db: Kysely<Database>, databaseName: string): Promise<() => Promise<void>> {
  const isPostgres = databaseName.toLowerCase().includes('postgres');
  if (isPostgres) {
    await sql`create or replace function g2g_test_refuse() returns trigger as $$ begin raise exception 'outbox refused'; end $$ language plpgsql`.execute(db);
    await sql`create trigger g2g_test_refuse before insert on event_outbox for each row execute function g2g_test_refuse()`.execute(db);
  } else {
    await sql`create trigger g2g_test_refuse before insert on event_outbox begin select raise(abort, 'outbox refused'); end`.execute(db);
  }
  return async () => {
    await sql`drop trigger g2g_test_refuse${sql.raw(isPostgres ? ' on event_outbox' : '')}`.execute(db);
  };
}
