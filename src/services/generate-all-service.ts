/**
 * "Generate All" asked for by a person: the request is checked (a tag must be one some owned
 * property carries) and the job queued with its `job.created` audit row. The schedule starts
 * the same job through the JobStarter directly.
 */
import type { Actor } from '../auth/principal.js';
import type { JobRecord } from '../model/jobs.js';
import type { CatalogQueries } from './catalog-queries.js';
import { unprocessable } from './errors.js';
import type { BulkGenerationRequest, JobStarter } from './job-starter.js';
import type { OnDemandCatalog } from './on-demand-sync.js';

export class GenerateAllService {
  constructor(
    private readonly deps: {
      jobs: JobStarter;
      catalog: Pick<CatalogQueries, 'hasTag'>;
      onDemandCatalog: Pick<OnDemandCatalog, 'requireTag'>;
    },
  ) {}

  /** The queued job, or the identical unfinished one (`created: false`, no new audit row). */
  async start(request: BulkGenerationRequest, actor: Actor): Promise<{ job: JobRecord; created: boolean }> {
    const { tag } = request;
    if (tag !== undefined) {
      // Through the on-demand path: made-up tags cannot each sync the catalog (DESIGN.md §6).
      await this.deps.onDemandCatalog.requireTag(
        tag,
        () => this.deps.catalog.hasTag(tag),
        () => unprocessable('unknown_tag', `no owned property is tagged "${tag}" in Hostify`),
      );
    }
    return this.deps.jobs.startBulkGeneration(request, actor);
  }
}
