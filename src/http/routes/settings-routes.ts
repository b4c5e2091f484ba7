/** Run-time settings: the monthly generation schedule (everyone reads, admins change it). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import { scheduleSchema, updateScheduleRequestSchema } from '../../contract/delivery.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';

export const settingsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/settings/schedule',
      {
        schema: {
          tags: ['settings'],
          summary: "The monthly schedule that generates the previous month's statements, and its next run",
          response: { 200: scheduleSchema },
        },
      },
      async () => deps.schedule.get(),
    );

    app.put(
      '/api/settings/schedule',
      {
        config: { permission: 'settings:edit' },
        schema: {
          tags: ['settings'],
          summary:
            'Change the monthly schedule (cron, time zone, on/off); worker processes apply it within the poll interval',
          body: updateScheduleRequestSchema,
          response: { 200: scheduleSchema, 400: errorResponseSchema, 422: errorResponseSchema },
        },
      },
      async (request) => deps.schedule.update(request.body, actorOf(request)),
    );
  };
