/** Line review of draft statements: add and remove overrides (exclusions, inclusions, manual lines). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { UserActor } from '../../auth/principal.js';
import { errorResponseSchema } from '../../contract/common.js';
import { addOverrideRequestSchema, overrideParamsSchema } from '../../contract/line-review.js';
import { statementIdParamsSchema, statementSchema } from '../../contract/statements.js';
import { rateLimited } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, refusal, withExamples } from '../openapi/answers.js';
import { errorExample, ids } from '../openapi/examples.js';
import { addOverrideRequestExamples, reviewedStatementExample } from '../openapi/line-review-examples.js';
import { presentStatement } from '../presenters.js';

const notFound = refusal('Not found (not_found): no statement (or no override of it) has this id', {
  example: errorExample('not_found', `statement ${ids.seasideLoft} not found`),
});
const notDraft = refusal(
  'Only drafts are reviewed (not_a_draft), or the draft changed meanwhile (concurrent_change)',
  { example: errorExample('not_a_draft', 'only drafts can be reviewed; this statement is final') },
);
const tooMany = refusal(
  'Too many generation requests from you (rate_limited): each review regenerates the draft; wait `details.retryAfterSeconds`',
  {
    example: errorExample('rate_limited', 'too many generation requests; try again in 12 s', {
      retryAfterSeconds: 12,
    }),
  },
);

export const lineReviewRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** Each change fetches the period from Hostify: the generation allowance applies. */
    const allowance = async (actor: UserActor) => {
      const wait = await deps.generationLimit.take(actor.userId);
      if (wait > 0) {
        const retryAfterSeconds = Math.ceil(wait / 1000);
        throw rateLimited(
          `too many generation requests; try again in ${retryAfterSeconds} s`,
          retryAfterSeconds,
        );
      }
    };

    app.post(
      '/api/statements/:id/overrides',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['statements'],
          summary:
            'Review a draft: exclude a counted reservation, include one the rules left out, or add a manual line; the draft is regenerated with it',
          params: statementIdParamsSchema,
          body: withExamples(addOverrideRequestSchema, { examples: addOverrideRequestExamples }),
          response: {
            201: answer(
              statementSchema,
              'Stored for the property and period (every later regeneration applies it) and the draft regenerated from fresh Hostify data: the statement with its `overrides`',
              { example: reviewedStatementExample },
            ),
            400: errorResponseSchema,
            404: notFound,
            409: notDraft,
            422: refusal(
              'Cannot be applied: the reservation is not a line of the draft (not_a_line) or not among those it leaves out (not_excluded); it is there because of an override, which is removed instead (included_by_override, excluded_by_override); or the property cannot be computed now (mixed_currency, invalid_data)',
              {
                example: errorExample(
                  'not_a_line',
                  'reservation 48213 is not a line of this statement; only counted reservations can be excluded',
                ),
              },
            ),
            429: tooMany,
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await allowance(actor);
        const statement = await deps.lineReview.add(request.params.id, request.body, actor);
        return reply.status(201).send(presentStatement(statement));
      },
    );

    app.delete(
      '/api/statements/:id/overrides/:overrideId',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['statements'],
          summary: "Remove an override from a draft's review; the draft is regenerated without it",
          params: overrideParamsSchema,
          response: {
            200: answer(
              statementSchema,
              'Removed, and the draft regenerated from fresh Hostify data without it',
              { example: { ...reviewedStatementExample, version: 3 } },
            ),
            400: errorResponseSchema,
            404: notFound,
            409: notDraft,
            422: refusal('The property cannot be computed now (mixed_currency, invalid_data)', {
              example: errorExample(
                'mixed_currency',
                'reservation 48377 is in "EUR" but property 101 is in "USD"',
              ),
            }),
            429: tooMany,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await allowance(actor);
        const { id, overrideId } = request.params;
        return presentStatement(await deps.lineReview.remove(id, overrideId, actor));
      },
    );
  };
