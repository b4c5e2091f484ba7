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
import { isoNow } from '../../lib/clock.js';
import { notFound } from '../../services/errors.js';
import type { AppDeps } from '../app-deps.js';
import { actorOf } from '../auth-plugin.js';
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
          response: { 200: ownersResponseSchema },
        },
      },
      async () => {
        const [owners, properties] = await Promise.all([
          deps.catalog.listOwners({ activeOnly: true }),
          deps.catalog.listProperties({ ownedOnly: true }),
        ]);
        const counts = new Map<string, number>();
        for (const p of properties) if (p.ownerId) counts.set(p.ownerId, (counts.get(p.ownerId) ?? 0) + 1);
        return { owners: owners.map((o) => presentOwner(o, counts.get(o.id) ?? 0)) };
      },
    );

    app.get(
      '/api/properties',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Properties (parent listings) with their statement settings',
          querystring: propertiesQuerySchema,
          response: { 200: propertiesResponseSchema, 400: errorResponseSchema },
        },
      },
      async (request) => ({
        properties: await deps.catalog.listProperties({ ownerId: request.query.ownerId }),
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
          body: updateSettingsRequestSchema,
          response: { 200: propertySchema, 400: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        await deps.onDemandCatalog.requireProperty(request.params.id);
        const updated = await deps.catalog.updateSettings(
          request.params.id,
          request.body,
          isoNow(deps.clock),
        );
        if (!updated) throw notFound('property', request.params.id);
        request.log.info({ propertyId: updated.id, settings: updated.settings }, 'property settings changed');
        await deps.audit.record(
          actorOf(request),
          'property.settings_changed',
          {
            type: 'property',
            id: updated.id,
          },
          { ...updated.settings },
        );
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
          body: createExpenseRequestSchema,
          response: { 201: createExpenseResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const { propertyId, date, description, amount, type } = request.body;
        await deps.onDemandCatalog.requireProperty(propertyId);
        const entry = await deps.ledger.add(
          { propertyId, date, description, amount, type },
          isoNow(deps.clock),
        );
        // It changes money on the next statement: who added it, from where, is on record.
        await deps.audit.record(
          actorOf(request),
          'ledger.entry_added',
          { type: 'ledger_entry', id: entry.id },
          { propertyId, date, amount, type, description },
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
          response: { 200: catalogSyncResponseSchema },
        },
      },
      async () => deps.catalogService.sync(),
    );
  };
