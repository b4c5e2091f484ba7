/**
 * Migrations are listed in code (not found by file name) so bundling or moving files cannot
 * silently skip one. Append; never edit a migration that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-jobs.js';
import * as m003 from './003-auth.js';
import * as m004 from './004-delivery.js';
import * as m005 from './005-job-notifications.js';
import * as m006 from './006-schedule.js';
import * as m007 from './007-hostify-documented.js';
import * as m008 from './008-auth-limits.js';
import * as m009 from './009-audit-ip.js';
import * as m010 from './010-job-batches.js';
import * as m011 from './011-hostify-rate-window.js';
import * as m012 from './012-job-counts-spec-names.js';
import * as m013 from './013-audit-actor.js';
import * as m014 from './014-company-details.js';
import * as m015 from './015-statement-overrides.js';
import * as m016 from './016-expense-imports.js';
import * as m017 from './017-owner-delivery-preference.js';

const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-jobs': m002,
  '003-auth': m003,
  '004-delivery': m004,
  '005-job-notifications': m005,
  '006-schedule': m006,
  '007-hostify-documented': m007,
  '008-auth-limits': m008,
  '009-audit-ip': m009,
  '010-job-batches': m010,
  '011-hostify-rate-window': m011,
  '012-job-counts-spec-names': m012,
  '013-audit-actor': m013,
  '014-company-details': m014,
  '015-statement-overrides': m015,
  '016-expense-imports': m016,
  '017-owner-delivery-preference': m017,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
