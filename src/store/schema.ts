import type { OrgTables } from './schema-orgs.js';
import type { VisitTables } from './schema-visits.js';

export type * from './schema-orgs.js';
export type { VisitTables } from './schema-visits.js';

/** The whole database, as Kysely sees it: the orgs part's tables and the visits part's. */
export interface Database extends OrgTables, VisitTables {}
