import { Migrator } from 'kysely';
import type { Command } from 'commander';
import { migrationProvider } from '../store/migrations/index.js';
import { migrateToLatest, openDatabase, parseDatabaseUrl } from '../store/open-database.js';
import { action } from './command-context.js';
import type { CliIo } from './cli-io.js';
import { localDatabaseUrl } from './local-database.js';

/** `g2g migrate`: brings the database (DATABASE_URL, else the data directory's SQLite file) to the latest schema. */
export function registerMigrateCommand(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (DATABASE_URL, else {G2G_DATA_DIR}/g2g.sqlite, created if missing)')
    .action(
      action(io, async ({ io: cio, out }) => {
        const url = localDatabaseUrl(cio.env, { mustExist: false });
        const location = parseDatabaseUrl(url);
        const schema = location.dialect === 'postgres' ? location.schema : undefined;
        const db = await openDatabase(url, { migrate: false, poolSize: 1 });
        try {
          const migrator = new Migrator({ db, provider: migrationProvider, ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
          const pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
          await migrateToLatest(db, schema);
          const total = (await migrator.getMigrations()).length;
          const where = location.dialect === 'sqlite' ? location.file : 'PostgreSQL';
          out.result({ database: where, applied: pending, total }, () => {
            out.line(pending.length === 0 ? `database ${where} is up to date (${total} migrations)` : `database ${where}: applied ${pending.length} migration(s)`);
            for (const name of pending) out.line(`  ${name}`);
          });
        } finally {
          await db.destroy();
        }
      }),
    );
}
