/** Reading and changing the monthly generation schedule (admins change it; audited). */
import type { Actor } from '../auth/principal.js';
import { userIdOf } from '../auth/principal.js';
import type { ScheduleDto, UpdateScheduleRequest } from '../contract/delivery.js';
import type { ScheduleRepository } from '../db/repositories/schedule-repository.js';
import { type Clock, isoNow } from '../lib/clock.js';
import { cronProblem, nextRunOf } from '../scheduling/croner-scheduler.js';
import type { Changes } from './changes.js';
import { unprocessable } from './errors.js';

export class ScheduleService {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { schedules: ScheduleRepository; changes: Changes; clock: Clock }) {}

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
    if (problem) throw unprocessable(problem.code, problem.message);
    await this.deps.changes.apply(actor, async (tx) => {
      const before = await tx.schedules.get();
      const same =
        before.updatedAt !== null &&
        before.enabled === request.enabled &&
        before.cron === request.cron &&
        before.timezone === request.timezone &&
        before.calculationType === request.calculationType;
      // Saving what is already saved changes nothing, and is not recorded.
      if (same) return { value: null, audit: null };
      await tx.schedules.save(request, isoNow(this.deps.clock), userIdOf(actor));
      return {
        value: null,
        audit: {
          action: 'settings.schedule_changed',
          target: { type: 'settings', id: 'schedule' },
          details: {
            before: { enabled: before.enabled, cron: before.cron, timezone: before.timezone },
            after: { enabled: request.enabled, cron: request.cron, timezone: request.timezone },
          },
        },
      };
    });
    for (const listener of this.listeners) listener();
    return this.get();
  }

  /** Called after every change (this process's runner applies it at once). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
