/**
 * Every change leaves exactly one audit row (issue: "one door to the store"). The routes that
 * change something are read from the app itself (its OpenAPI document), so a new one that is not
 * listed here fails the test; each is called once, as a real client would, and must leave one
 * row of the expected action, with the actor and the client's address. Refused changes leave
 * none, and the monthly schedule's job is recorded with the actor "schedule".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/db/repositories/audit-repository.js';
import { logoPng } from '../helpers/images.js';
import { knownData, PERIOD } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp, type TestResponse } from '../helpers/test-app.js';
import { waitForJobEnd } from '../helpers/wait.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
  // Property 103 has no reservation in the period: an expense gives it a statement.
  await t.composition.catalogService.sync();
  await t.composition.ledger.add(
    { propertyId: '103', date: '2025-10-10', description: 'Gardener', amount: 5_000, type: 'expense' },
    new Date().toISOString(),
  );
});
afterAll(async () => {
  await t.close();
});

/** Audit rows written since `after` (an id), oldest first. */
async function rowsSince(after: string | null): Promise<AuditEntry[]> {
  const { entries } = await t.composition.auditLog.list({ limit: 1000 });
  return entries.filter((e) => after === null || e.id > after).reverse();
}

async function newestId(): Promise<string | null> {
  const { entries } = await t.composition.auditLog.list({ limit: 1 });
  return entries[0]?.id ?? null;
}

/** Runs `call` and returns its answer and the audit rows it left. */
async function audited(
  call: () => Promise<TestResponse>,
): Promise<{ res: TestResponse; rows: AuditEntry[] }> {
  const before = await newestId();
  const res = await call();
  return { res, rows: await rowsSince(before) };
}

interface Case {
  /** `METHOD /path` as the route is declared. */
  route: string;
  action: string;
  /** Makes the request (after setting up what it needs); expects it to succeed. */
  call(): Promise<TestResponse>;
  /** Set-up whose rows are not counted (it may leave rows of the same action). */
  setup?(): Promise<void>;
  /** The user the row names (default: the admin, who makes the requests). */
  by?: string;
}

const period = { periodStart: PERIOD.startDate, periodEnd: PERIOD.endDate };

/** A user made for one case, with an API token of their own. */
async function freshUser(role: 'viewer' | 'editor' = 'editor') {
  const email = `u${Math.random().toString(36).slice(2, 10)}@audit.test`;
  const password = 'Harbour-Lantern-92-Otter';
  const { user } = await t.composition.userService.create({ email, role, password }, null);
  const { token } = await t.composition.authService.createApiToken(user.id, 'audit test');
  return { user, email, password, bearer: { authorization: `Bearer ${token}` } };
}

async function generated(propertyId = '101', ownerId = '1'): Promise<string> {
  const made = await t.request('POST', '/api/statements/generate', { ownerId, propertyId, ...PERIOD });
  expect(made.status).toBe(201);
  return made.body.statement.id;
}

/** A finished bulk job with one failed property, recorded straight in the job store. */
async function finishedJobWithAFailure(): Promise<string> {
  const { jobs, items } = t.composition.jobStore;
  const now = new Date().toISOString();
  const { job } = await jobs.create(
    {
      type: 'bulk_statement_generation',
      params: { ...PERIOD, calculationType: 'checkout' },
      dedupeKey: null,
      createdBy: null,
    },
    now,
  );
  const planned = [
    { propertyId: '104', propertyName: 'Harbor View', ownerId: '2', payload: { reservations: [] } },
  ];
  expect(await items.savePlan(job.id, planned, 1, now)).toBe(true);
  const pending = await items.pendingInBatch(job.id, 0);
  await items.finishBatch(
    job.id,
    pending.map((item) => ({
      item,
      outcome: { status: 'failed', code: 'invalid_data', error: 'bad' } as const,
    })),
    now,
  );
  expect(await jobs.finish(job.id, 'completed', {}, now)).toBe(true);
  return job.id;
}

/** A one-row expense file and the mapping its preview suggests, ready to import. */
async function expenseFile(description: string) {
  const csv = `Date,Property,Description,Amount\n2025-10-07,102,${description},42.00\n`;
  const file = { fileName: 'audit.csv', content: Buffer.from(csv).toString('base64') };
  const preview = await t.request('POST', '/api/expense-imports/preview', file);
  expect(preview.status).toBe(200);
  return { ...file, mapping: preview.body.mapping, rows: [2] };
}

let importToUndo: string | null = null;

const CASES: Case[] = [
  {
    route: 'POST /api/auth/login',
    action: 'auth.login',
    by: 'editor@test.local',
    call: () =>
      t.request(
        'POST',
        '/api/auth/login',
        { email: 'editor@test.local', password: t.passwords.editor },
        { authorization: '' },
      ),
  },
  {
    route: 'POST /api/auth/logout',
    action: 'auth.logout',
    by: 'editor@test.local',
    call: async () => {
      const session = await t.request(
        'POST',
        '/api/auth/login',
        { email: 'editor@test.local', password: t.passwords.editor },
        { authorization: '' },
      );
      return t.request('POST', '/api/auth/logout', undefined, {
        authorization: `Bearer ${session.body.token}`,
      });
    },
  },
  {
    route: 'PUT /api/auth/me/preferences',
    action: 'user.preferences_changed',
    call: () => t.request('PUT', '/api/auth/me/preferences', { notifyOnJobEnd: false }),
  },
  {
    route: 'PUT /api/auth/me/password',
    action: 'user.password_changed',
    call: async () => {
      const u = await freshUser();
      byOverride = u.email;
      return t.request(
        'PUT',
        '/api/auth/me/password',
        { currentPassword: u.password, newPassword: 'Meadow-Copper-48-Heron' },
        u.bearer,
      );
    },
  },
  {
    route: 'POST /api/auth/tokens',
    action: 'token.created',
    call: () => t.request('POST', '/api/auth/tokens', { name: 'script' }),
  },
  {
    route: 'DELETE /api/auth/tokens/:id',
    action: 'token.revoked',
    call: async () => {
      const made = await t.request('POST', '/api/auth/tokens', { name: 'to revoke' });
      return t.request('DELETE', `/api/auth/tokens/${made.body.apiToken.id}`);
    },
  },
  {
    route: 'PUT /api/properties/:id/settings',
    action: 'property.settings_changed',
    call: () =>
      t.request('PUT', '/api/properties/103/settings', {
        commissionPercent: 12.5,
        commissionBasis: 'gross',
        ownerRemitsTaxes: false,
      }),
  },
  {
    route: 'PUT /api/owners/:id/delivery',
    action: 'owner.delivery_changed',
    call: () => t.request('PUT', '/api/owners/2/delivery', { delivery: 'per_property' }),
  },
  {
    route: 'POST /api/expenses',
    action: 'ledger.entry_added',
    call: () =>
      t.request('POST', '/api/expenses', {
        propertyId: '102',
        date: '2025-10-05',
        description: 'Plumber',
        amount: 12_345,
        type: 'expense',
      }),
  },
  {
    route: 'POST /api/expense-imports',
    action: 'expenses.imported',
    call: async () => t.request('POST', '/api/expense-imports', await expenseFile('Window cleaner')),
  },
  {
    route: 'POST /api/expense-imports/:batchId/undo',
    action: 'expenses.import_undone',
    setup: async () => {
      const made = await t.request('POST', '/api/expense-imports', await expenseFile('Pest control'));
      expect(made.status).toBe(201);
      importToUndo = made.body.batch.id;
    },
    call: () => t.request('POST', `/api/expense-imports/${importToUndo}/undo`),
  },
  {
    route: 'POST /api/catalog/sync',
    action: 'catalog.synced',
    call: () => t.request('POST', '/api/catalog/sync'),
  },
  {
    route: 'POST /api/statements/generate',
    action: 'statement.generated',
    call: () => t.request('POST', '/api/statements/generate', { ownerId: '1', propertyId: '103', ...PERIOD }),
  },
  {
    route: 'PUT /api/statements/:id/status',
    action: 'statement.status_changed',
    call: async () =>
      t.request('PUT', `/api/statements/${await generated('101')}/status`, { status: 'final' }),
  },
  {
    route: 'POST /api/statements/:id/send',
    action: 'statement.sent',
    call: async () => {
      const id = await generated('104', '2');
      expect((await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' })).status).toBe(200);
      return t.request('POST', `/api/statements/${id}/send`, {});
    },
  },
  {
    route: 'DELETE /api/statements/:id',
    action: 'statement.deleted',
    call: async () => t.request('DELETE', `/api/statements/${await generated('103')}`),
  },
  {
    route: 'POST /api/statements/:id/overrides',
    action: 'statement.override_added',
    call: async () =>
      t.request('POST', `/api/statements/${await generated('103')}/overrides`, {
        kind: 'manual',
        description: 'Audited line',
        amount: 100,
        countsTowardCommission: false,
      }),
  },
  {
    route: 'DELETE /api/statements/:id/overrides/:overrideId',
    action: 'statement.override_removed',
    call: async () => {
      const id = await generated('103');
      const added = await t.request('POST', `/api/statements/${id}/overrides`, {
        kind: 'manual',
        description: 'Line to remove',
        amount: -100,
        countsTowardCommission: true,
      });
      expect(added.status).toBe(201);
      const override = added.body.overrides.find(
        (o: { description: string }) => o.description === 'Line to remove',
      );
      return t.request('DELETE', `/api/statements/${id}/overrides/${override.id}`);
    },
  },
  {
    route: 'POST /api/statements/send',
    action: 'job.created',
    // Owner 1 is e-mailed one combined statement, held back while a draft of theirs is left:
    // the line review cases above left property 103's draft.
    setup: async () => {
      const draft = await generated('103');
      expect((await t.request('DELETE', `/api/statements/${draft}`)).status).toBe(204);
    },
    call: async () => {
      const res = await t.request('POST', '/api/statements/send', { ...period, ownerId: '1' });
      // Its mails are sent (and audited) in the background: done before the next case.
      if (res.status === 202) await waitForJobEnd(t.composition.jobService, res.body.jobId);
      return res;
    },
  },
  {
    route: 'POST /api/statements/jobs/:jobId/cancel',
    action: 'job.cancelled',
    call: async () => {
      // An in-process job (as runInBackground makes) that no engine runs: it stays queued.
      const { job } = await t.composition.jobStore.jobs.create(
        {
          type: 'bulk_statement_generation',
          params: { ...PERIOD },
          dedupeKey: null,
          runner: 'inprocess',
          leaseUntil: new Date(Date.now() + 3_600_000).toISOString(),
        },
        new Date().toISOString(),
      );
      return t.request('POST', `/api/statements/jobs/${job.id}/cancel`);
    },
  },
  {
    route: 'POST /api/statements/jobs/:jobId/retry',
    action: 'job.retried',
    call: async () => {
      const res = await t.request('POST', `/api/statements/jobs/${await finishedJobWithAFailure()}/retry`);
      if (res.status === 202) await waitForJobEnd(t.composition.jobService, res.body.jobId);
      return res;
    },
  },
  {
    route: 'PUT /api/settings/schedule',
    action: 'settings.schedule_changed',
    call: () =>
      t.request('PUT', '/api/settings/schedule', {
        enabled: false,
        cron: '0 6 1 * *',
        timezone: 'UTC',
        calculationType: 'checkout',
      }),
  },
  {
    route: 'PUT /api/settings/company',
    action: 'settings.company_changed',
    call: () =>
      t.request('PUT', '/api/settings/company', {
        name: 'Acme Rentals',
        addressLines: ['12 Harbour Street', 'Portsmouth PO1 2AB'],
        email: 'office@acme.test',
        phone: '+44 23 9200 0000',
      }),
  },
  {
    route: 'PUT /api/settings/company/logo',
    action: 'settings.logo_changed',
    call: () => t.request('PUT', '/api/settings/company/logo', { image: logoPng().toString('base64') }),
  },
  {
    route: 'DELETE /api/settings/company/logo',
    action: 'settings.logo_changed',
    setup: async () => {
      const up = await t.request('PUT', '/api/settings/company/logo', {
        image: logoPng().toString('base64'),
      });
      expect(up.status).toBe(200);
    },
    call: () => t.request('DELETE', '/api/settings/company/logo'),
  },
  {
    route: 'POST /api/users',
    action: 'user.created',
    call: () => t.request('POST', '/api/users', { email: 'new.person@audit.test', role: 'viewer' }),
  },
  {
    route: 'PATCH /api/users/:id',
    action: 'user.updated',
    call: async () => t.request('PATCH', `/api/users/${(await freshUser()).user.id}`, { role: 'viewer' }),
  },
  {
    route: 'POST /api/users/:id/reset-password',
    action: 'user.password_reset',
    call: async () => t.request('POST', `/api/users/${(await freshUser()).user.id}/reset-password`, {}),
  },
  {
    route: 'POST /api/users/:id/unlock',
    action: 'user.unlocked',
    call: async () => t.request('POST', `/api/users/${(await freshUser()).user.id}/unlock`),
  },
];

/**
 * Writes that change nothing stored, and why they leave no row. Starting "Generate All" is a
 * change, tested on its own below (it runs in the background).
 */
const NOT_CHANGES: Record<string, string> = {
  'POST /api/statements/pdf-zip': 'an export: it reads statements and writes nothing',
  'POST /api/expense-imports/preview': 'reads the uploaded file, the catalog and the ledger; stores nothing',
};

/**
 * Changes that leave not one row but one per statement they change, so they have audit tests of
 * their own: which rows, for which statements, exactly once each.
 */
const AUDITED_PER_STATEMENT: Record<string, string> = {
  'POST /api/statements/bulk':
    'one row per changed statement (none for a no-op or a refusal), and job.created for a large selection: test/integration/bulk-actions.test.ts',
};

let byOverride: string | null = null;

describe('the audit log', () => {
  it('lists every route that changes something (a new one must be added here)', () => {
    const paths = (t.composition.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const mutating: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const method of Object.keys(methods)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        mutating.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    const covered = new Set([
      ...CASES.map((c) => c.route),
      ...Object.keys(NOT_CHANGES),
      ...Object.keys(AUDITED_PER_STATEMENT),
    ]);
    expect(mutating.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !mutating.includes(r))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.route} leaves one ${c.action} row, with who and from where`, async () => {
      byOverride = null;
      await c.setup?.();
      const { res, rows } = await audited(c.call);
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      // Set-up calls the case made through the API left rows of their own actions; the request
      // under test leaves one row of its action.
      const mine = rows.filter((r) => r.action === c.action);
      expect(mine, JSON.stringify(rows.map((r) => r.action))).toHaveLength(1);
      const by = byOverride ?? c.by ?? 'admin@test.local';
      expect(mine[0]).toMatchObject({ userEmail: by, actor: 'user', ip: '127.0.0.1' });
    });
  }

  it('leaves exactly one row for each call made alone, and none for a no-op', async () => {
    // Without set-up calls in between: the rows of one request, counted exactly.
    const id = await generated('103');
    const actions = async (method: string, path: string, body?: unknown) =>
      (await audited(() => t.request(method, path, body))).rows.map((r) => r.action);
    expect(await actions('PUT', `/api/statements/${id}/status`, { status: 'final' })).toEqual([
      'statement.status_changed',
    ]);
    expect(await actions('PUT', `/api/statements/${id}/status`, { status: 'draft' })).toEqual([
      'statement.status_changed',
    ]);
    // Setting what is already set changes nothing, and leaves no row.
    expect(await actions('PUT', `/api/statements/${id}/status`, { status: 'draft' })).toEqual([]);
    const settings = { commissionPercent: 20, commissionBasis: 'net', ownerRemitsTaxes: true };
    expect(await actions('PUT', '/api/properties/104/settings', settings)).toEqual([
      'property.settings_changed',
    ]);
    expect(await actions('PUT', '/api/properties/104/settings', settings)).toEqual([]);
    // Owner 1 is sent one combined e-mail already (the default).
    expect(await actions('PUT', '/api/owners/1/delivery', { delivery: 'combined' })).toEqual([]);
    expect(await actions('PUT', '/api/auth/me/preferences', { notifyOnJobEnd: false })).toEqual([]);
    expect(await actions('POST', '/api/auth/logout')).toEqual([]); // an API token is not signed out
    expect(
      await actions('POST', '/api/statements/generate', { ownerId: '1', propertyId: '103', ...PERIOD }),
    ).toEqual(['statement.regenerated']);
    const owner = await audited(() =>
      t.request('POST', '/api/statements/generate', { ownerId: '1', ...PERIOD }),
    );
    expect(owner.res.status).toBe(201);
    expect(owner.rows.map((r) => r.action)).toEqual(['owner.generated']);
  });

  it('records "Generate All" as job.created, once per job', async () => {
    const body = { ownerId: 'all', ...PERIOD, calculationType: 'calendar' };
    const first = await audited(() => t.request('POST', '/api/statements/generate', body));
    expect(first.res.status).toBe(202);
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0]).toMatchObject({
      action: 'job.created',
      targetId: first.res.body.jobId,
      actor: 'user',
    });
    await waitForJobEnd(t.composition.jobService, first.res.body.jobId);
  });

  it('records the monthly schedule’s job with the actor "schedule"', async () => {
    const before = await newestId();
    const fired = await t.composition.scheduleRunner.fire(new Date('2025-11-01T06:00:00Z'));
    expect(fired.started).toBe(true);
    const rows = await rowsSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'job.created',
      actor: 'schedule',
      userId: null,
      targetId: fired.started ? fired.jobId : null,
    });
    if (fired.started) await waitForJobEnd(t.composition.jobService, fired.jobId);
  });

  it('leaves no row for a refused change, and the change is not made', async () => {
    const id = await generated('103');
    const refused = await audited(() => t.request('PUT', `/api/statements/${id}/status`, { status: 'sent' }));
    expect(refused.res.status).toBe(409);
    expect(refused.rows).toEqual([]);
    expect((await t.request('GET', `/api/statements/${id}`)).body.status).toBe('draft');
    const viewer = await audited(() =>
      t.as('viewer')('POST', '/api/expenses', {
        propertyId: '102',
        date: '2025-10-05',
        description: 'x',
        amount: 1,
        type: 'expense',
      }),
    );
    expect(viewer.res.status).toBe(403);
    expect(viewer.rows).toEqual([]);
  });

  it('rolls the change back when its audit row cannot be written', async () => {
    const id = await generated('103');
    // The audit table refuses inserts for a moment: the change must not happen without its row.
    const db = t.composition.db;
    await db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
    try {
      const res = await t.request('PUT', `/api/statements/${id}/status`, { status: 'final' });
      expect(res.status).toBe(500);
    } finally {
      await db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
    }
    expect((await t.request('GET', `/api/statements/${id}`)).body.status).toBe('draft');
  });
});
