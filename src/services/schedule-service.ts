/** Reading and changing the monthly generation schedule (admins change it; audited). */
import type { Actor } from '../auth/principal.js';
import type { ScheduleDto, UpdateScheduleRequest } from '../contract/delivery.js';
import type { ScheduleRepository } from '../db/repositories/schedule-repository.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { cronProblem, nextRunOf } from '../scheduling/croner-scheduler.js';
import type { AuditService } from './audit-service.js';
import { AppError } from './errors.js';

export class ScheduleService {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { schedules: ScheduleRepository; audit: AuditService; clock: Clock }) {}

  async get(): Promise<ScheduleDto> {
    const s = await this.deps.schedules.get();
    const next = s.enabled ? nextRunOf({ cron: s.cron, timezone: s.timezone }, this.deps.clock.now()) : null;
    return {
      enabled: s.enabled,
      cron: s.cron,
      timezone: s.timezone,
      calculationType: s.calculationType,
      nextRunAt: next?.toISOString() ?? null,
      updatedAt: s.updatedAt,
      updatedBy: s.updatedBy,
    };
  }

  async update(request: UpdateScheduleRequest, actor: Actor): Promise<ScheduleDto> {
    const problem = cronProblem({ cron: request.cron, timezone: request.timezone }, this.deps.clock.now());
    if (problem) throw new AppError(422, problem.code, problem.message);
    const before = await this.deps.schedules.get();
    await this.deps.schedules.save(request, isoNow(this.deps.clock), actor?.userId ?? null);
    await this.deps.audit.record(
      actor,
      'settings.schedule_changed',
      { type: 'settings', id: 'schedule' },
      {
        before: { enabled: before.enabled, cron: before.cron, timezone: before.timezone },
        after: { enabled: request.enabled, cron: request.cron, timezone: request.timezone },
      },
    );
    for (const listener of this.listeners) listener();
    return this.get();
  }

  /** Called after every change (this process's runner applies it at once). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
