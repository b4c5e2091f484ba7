/**
 * Run-time settings: the monthly generation schedule, and the company details and logo the
 * owners' documents print (everyone reads, admins change them).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';
import {
  companySchema,
  MAX_LOGO_KIB,
  MAX_LOGO_PIXELS,
  updateCompanyRequestSchema,
  uploadLogoRequestSchema,
} from '../../contract/company.js';
import { scheduleSchema, updateScheduleRequestSchema } from '../../contract/delivery.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample } from '../openapi/examples.js';

/**
 * The logo upload's body: a logo of MAX_LOGO_KIB in base64 is a third larger, with room to
 * spare so that a slightly larger one gets the precise logo_too_large rather than a bare 413.
 */
const LOGO_BODY_LIMIT = 1024 * 1024 + 1024;

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

    app.get(
      '/api/settings/company',
      {
        schema: {
          tags: ['settings'],
          summary: "The company details on the owners' PDFs and e-mails (COMPANY_NAME until saved)",
          response: {
            200: answer(
              companySchema,
              'The company details printed on owner PDFs and e-mails (COMPANY_NAME until saved)',
            ),
          },
        },
      },
      async () => deps.company.get(),
    );

    app.put(
      '/api/settings/company',
      {
        config: { permission: 'settings:edit' },
        schema: {
          tags: ['settings'],
          summary: 'Change the company name, postal address, e-mail and phone printed for owners',
          body: updateCompanyRequestSchema,
          response: { 200: answer(companySchema, 'The company details as saved'), 400: errorResponseSchema },
        },
      },
      async (request) => deps.company.update(request.body, actorOf(request)),
    );

    app.get(
      '/api/settings/company/logo',
      {
        schema: {
          tags: ['settings'],
          summary: 'The company logo (PNG or JPEG), for the Settings page',
          response: { 200: z.unknown().describe('the image'), 404: errorResponseSchema },
        },
      },
      async (_request, reply) => {
        const logo = await deps.company.logo();
        return reply
          .type(logo.contentType)
          .header('cache-control', 'private, no-cache')
          .send(Buffer.from(logo.bytes.buffer, logo.bytes.byteOffset, logo.bytes.byteLength));
      },
    );

    app.put(
      '/api/settings/company/logo',
      {
        config: { permission: 'settings:edit' },
        bodyLimit: LOGO_BODY_LIMIT,
        schema: {
          tags: ['settings'],
          summary: `Upload the company logo: a PNG or JPEG of at most ${MAX_LOGO_KIB} KiB and ${MAX_LOGO_PIXELS} pixels a side, base64 in JSON`,
          body: uploadLogoRequestSchema,
          response: {
            200: answer(companySchema, 'The logo is stored; the details now point at it'),
            400: errorResponseSchema,
            413: refusal('The upload is larger than the 1 MiB a logo request may be (payload_too_large)'),
            422: refusal(
              'Not a PNG or JPEG (logo_not_image), over 512 KiB (logo_too_large) or over 2000 px a side (logo_too_many_pixels)',
            ),
          },
        },
      },
      async (request) => deps.company.setLogo(request.body, actorOf(request)),
    );

    app.delete(
      '/api/settings/company/logo',
      {
        config: { permission: 'settings:edit' },
        schema: {
          tags: ['settings'],
          summary: 'Remove the company logo',
          response: { 200: answer(companySchema, 'The details without a logo') },
        },
      },
      async (request) => deps.company.removeLogo(actorOf(request)),
    );
  };
