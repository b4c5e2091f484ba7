/**
 * Read model of stored statements for the HTTP layer: one statement, filtered lists, and who
 * each belongs to for its documents. It changes nothing (StatementLifecycle, the generation and
 * the delivery do).
 */
import type { CatalogRepository } from '../db/repositories/catalog-repository.js';
import type {
  StatementListFilter,
  StatementRepository,
  StatementSummary,
  StoredStatement,
} from '../db/repositories/statement-repository.js';
import type { CompanyProfile } from '../documents/company.js';
import type { PdfContext } from '../documents/statement-pdf.js';
import { notFound } from './errors.js';

/** A stored statement, as the read model hands it out. */
export type { StoredStatement };

/** A statement and what its PDF prints besides it (the manager, the owner). */
export interface StatementDocument {
  statement: StoredStatement;
  ctx: PdfContext;
}

export class StatementQueries {
  constructor(
    private readonly deps: {
      statements: StatementRepository;
      catalog: CatalogRepository;
      /** The manager's details and logo, as the documents print them. */
      company: { profile(): Promise<CompanyProfile> };
    },
  ) {}

  async get(id: string): Promise<StoredStatement> {
    const statement = await this.deps.statements.get(id);
    if (!statement) throw notFound('statement', id);
    return statement;
  }

  list(filter: StatementListFilter): Promise<{ statements: StatementSummary[]; nextCursor: string | null }> {
    return this.deps.statements.list(filter);
  }

  /**
   * One page of the list; the first page (no `after`) also says how many match in all, for the
   * list's "50 of 312". Later pages skip the count: the client has it from the first.
   */
  async listPage(
    filter: StatementListFilter,
  ): Promise<{ statements: StatementSummary[]; nextCursor: string | null; total?: number }> {
    const { limit: _limit, after, ...matching } = filter;
    if (after !== undefined) return this.deps.statements.list(filter);
    const [page, total] = await Promise.all([
      this.deps.statements.list(filter),
      this.deps.statements.count(matching),
    ]);
    return { ...page, total };
  }

  /** One statement for its PDF. */
  async document(id: string): Promise<StatementDocument> {
    const [statement, company] = await Promise.all([this.get(id), this.deps.company.profile()]);
    return { statement, ctx: { company, ownerName: await this.ownerNameOf(statement) } };
  }

  /**
   * Several statements for a ZIP of PDFs, in the order asked, each once. Every context holds the
   * same company object: the worker thread receives its logo once, however many PDFs there are
   * (structured cloning keeps shared references shared).
   */
  async documents(ids: readonly string[], between?: () => Promise<void>): Promise<StatementDocument[]> {
    const company = await this.deps.company.profile();
    const out: StatementDocument[] = [];
    for (const id of new Set(ids)) {
      if (between && out.length % 10 === 9) await between();
      const statement = await this.get(id);
      out.push({ statement, ctx: { company, ownerName: await this.ownerNameOf(statement) } });
    }
    return out;
  }

  /** The owner's name as documents show it (none for a property without an owner). */
  async ownerNameOf(statement: StoredStatement): Promise<string | null> {
    const owner = statement.ownerId ? await this.deps.catalog.getOwner(statement.ownerId) : undefined;
    return owner ? `${owner.firstName} ${owner.lastName}`.trim() : null;
  }
}
