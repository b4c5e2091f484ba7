/**
 * The application's repositories over one database, and transactions that hand out the same
 * repositories bound to the transaction: a use case's change and its audit row commit together
 * or not at all (src/services/changes.ts).
 */
import type { Db } from './database.js';
import { AuditRepository } from './repositories/audit-repository.js';
import { CatalogRepository } from './repositories/catalog-repository.js';
import { CompanyRepository } from './repositories/company-repository.js';
import { CredentialRepository } from './repositories/credential-repository.js';
import { DeliveryPreferenceRepository } from './repositories/delivery-preference-repository.js';
import { DeliveryRepository } from './repositories/delivery-repository.js';
import { ImportRepository } from './repositories/import-repository.js';
import { LedgerRepository } from './repositories/ledger-repository.js';
import { OverrideRepository } from './repositories/override-repository.js';
import { ScheduleRepository } from './repositories/schedule-repository.js';
import { StatementRepository } from './repositories/statement-repository.js';
import { UserRepository } from './repositories/user-repository.js';

export interface Repositories {
  audit: AuditRepository;
  catalog: CatalogRepository;
  company: CompanyRepository;
  credentials: CredentialRepository;
  deliveries: DeliveryRepository;
  /** How each owner wants statements e-mailed (combined or per property). */
  deliveryPreferences: DeliveryPreferenceRepository;
  imports: ImportRepository;
  ledger: LedgerRepository;
  /** Line-review overrides per property and period. */
  overrides: OverrideRepository;
  schedules: ScheduleRepository;
  statements: StatementRepository;
  users: UserRepository;
}

/** The repositories on `db`, which may be a transaction. */
export function repositoriesOn(db: Db): Repositories {
  return {
    audit: new AuditRepository(db),
    catalog: new CatalogRepository(db),
    company: new CompanyRepository(db),
    credentials: new CredentialRepository(db),
    deliveries: new DeliveryRepository(db),
    deliveryPreferences: new DeliveryPreferenceRepository(db),
    imports: new ImportRepository(db),
    ledger: new LedgerRepository(db),
    overrides: new OverrideRepository(db),
    schedules: new ScheduleRepository(db),
    statements: new StatementRepository(db),
    users: new UserRepository(db),
  };
}

export class Store {
  /** Outside any transaction: each call commits on its own. */
  readonly repos: Repositories;

  constructor(private readonly db: Db) {
    this.repos = repositoriesOn(db);
  }

  /**
   * Runs `work` in one transaction. Inside it, use only the repositories it is given: on SQLite
   * the transaction holds the one connection, so a call through `repos` would wait for it forever.
   * `db` is the same transaction, for a port that takes the handle (the job store).
   */
  transaction<T>(work: (tx: Repositories, db: Db) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(repositoriesOn(trx), trx));
  }
}
