/** Run-time settings: the monthly generation schedule (everyone reads, admins change it). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '../../contract/common.js';
import { scheduleSchema, updateScheduleRequestSchema } from '../../contract/delivery.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';

export const settingsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/settings/schedule',
      {
        schema: {
          tags: ['settings'],
          summary: "The monthly schedule that generates the previous month's statements, and its next run",
          response: { 200: answer(scheduleSchema, 'The schedule; `nextRunAt` is null while it is off') },
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
          body: withExamples(updateScheduleRequestSchema, {
            example: {
              enabled: true,
              cron: '0 6 1 * *',
              timezone: 'Europe/Berlin',
              calculationType: 'checkout',
            },
          }),
          response: {
            200: answer(scheduleSchema, 'The schedule as saved, with its next run'),
            400: errorResponseSchema,
            422: refusal(
              'Not a cron expression that fires (invalid_cron), or not an IANA time zone (invalid_timezone)',
              {
                example: errorExample('invalid_cron', '"0 6 31 2 *" never fires'),
              },
            ),
          },
        },
      },
      async (request) => deps.schedule.update(request.body, actorOf(request)),
    );
  };
