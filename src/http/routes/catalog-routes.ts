/** Owners, properties and their settings, expenses, and the on-demand catalog sync. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  catalogSyncResponseSchema,
  createExpenseRequestSchema,
  createExpenseResponseSchema,
  ownersResponseSchema,
  propertiesQuerySchema,
  propertiesResponseSchema,
  propertyIdParamsSchema,
  propertySchema,
  updateSettingsRequestSchema,
} from '../../contract/catalog.js';
import { errorResponseSchema } from '../../contract/common.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
import { answer, withExamples } from '../openapi/answers.js';
import { presentOwner } from '../presenters.js';

export const catalogRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/owners',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Active owners (Hostify users with the owner role)',
          response: {
            200: answer(
              ownersResponseSchema,
              'The active owners, with how many properties each owns and how "send all" e-mails their statements (`delivery`)',
            ),
          },
        },
      },
      async () => ({
        owners: (await deps.catalogQueries.activeOwners()).map((o) =>
          presentOwner(o.owner, o.propertyCount, o.delivery),
        ),
      }),
    );

    app.get(
      '/api/properties',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Properties (parent listings) with their statement settings',
          querystring: propertiesQuerySchema,
          response: {
            200: answer(propertiesResponseSchema, 'The properties (of one owner with `ownerId`)'),
            400: errorResponseSchema,
          },
        },
      },
      async (request) => ({
        properties: await deps.catalogQueries.properties({ ownerId: request.query.ownerId }),
      }),
    );

    app.put(
      '/api/properties/:id/settings',
      {
        config: { permission: 'settings:edit' },
        schema: {
          tags: ['catalog'],
          summary: 'Set commission percent, commission basis and who remits taxes',
          params: propertyIdParamsSchema,
          body: withExamples(updateSettingsRequestSchema, {
            example: { commissionPercent: 18.5, commissionBasis: 'gross', ownerRemitsTaxes: false },
          }),
          response: {
            200: answer(
              propertySchema,
              'The property with its new settings (statements generated from now on use them)',
            ),
            400: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const updated = await deps.propertySettings.update(request.params.id, request.body, actorOf(request));
        request.log.info({ propertyId: updated.id, settings: updated.settings }, 'property settings changed');
        return updated;
      },
    );

    app.post(
      '/api/expenses',
      {
        config: { permission: 'statements:edit' },
        schema: {
          tags: ['catalog'],
          summary: 'Record an expense or adjustment of a property (positive cents)',
          body: withExamples(createExpenseRequestSchema, {
            example: {
              propertyId: '101',
              date: '2025-10-14',
              description: 'Replaced the hallway light fixture',
              amount: 12500,
              type: 'expense',
            },
          }),
          response: {
            201: answer(
              createExpenseResponseSchema,
              'Recorded: it counts on the statements of the period that holds its date, when they are next generated',
            ),
            400: errorResponseSchema,
            404: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { propertyId, date, description, amount, type } = request.body;
        // It changes money on the next statement: the service records who added it, from where.
        const entry = await deps.ledger.add(
          { propertyId, date, description, amount, type },
          actorOf(request),
        );
        return reply.status(201).send({ entry });
      },
    );

    app.post(
      '/api/catalog/sync',
      {
        config: { permission: 'catalog:sync' },
        schema: {
          tags: ['catalog'],
          summary: 'Fetch owners and listings from Hostify now',
          response: {
            200: answer(catalogSyncResponseSchema, 'Synced: how many owners and properties Hostify has now'),
          },
        },
      },
      async (request) => deps.catalogService.syncRequested(actorOf(request)),
    );
  };
