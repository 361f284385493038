export { openDatabase, migrateToLatest, pendingMigrations, parseDatabaseUrl, type OpenDatabaseOptions, type DatabaseLocation } from './open-database.js';
export type * from './schema.js';
