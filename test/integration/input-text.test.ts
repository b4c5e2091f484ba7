/**
 * Names and descriptions arrive without bidirectional control characters (U+202A–U+202E,
 * U+2066–U+2069), which would let stored text display as something else ("Trojan Source").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownData } from '../helpers/known-dataset.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ sim: { data: knownData() } });
});
afterAll(async () => {
  await t.close();
});

describe('bidi control characters on input', () => {
  it('are removed from an expense description before it is stored', async () => {
    const res = await t.request('POST', '/api/expenses', {
      propertyId: '101',
      date: '2025-10-15',
      description: '\u202Eabc',
      amount: 100,
      type: 'expense',
    });
    expect(res.status).toBe(201);
    expect(res.body.entry.description).toBe('abc');
    const stored = await t.composition.ledger.forPeriod(['101'], { start: '2025-10-15', end: '2025-10-15' });
    expect(stored.map((e) => e.description)).toEqual(['abc']);
    // Money changed: the entry is audited with who and from where.
    const audit = await t.request('GET', '/api/audit?action=ledger.entry_added&limit=1');
    expect(audit.body.entries[0]).toMatchObject({
      userEmail: 'admin@test.local',
      ip: '127.0.0.1',
      targetType: 'ledger_entry',
      targetId: res.body.entry.id,
      details: { propertyId: '101', amount: 100, type: 'expense', description: 'abc' },
    });
  });

  it('leave nothing: a description made only of controls and spaces is empty, a 400', async () => {
    const res = await t.request('POST', '/api/expenses', {
      propertyId: '101',
      date: '2025-10-16',
      description: ' \u202E\u2066 ',
      amount: 100,
      type: 'expense',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_error');
  });

  it('are removed from user names on creation and on change, and from token names', async () => {
    const created = await t.request('POST', '/api/users', {
      email: 'rlo@test.local',
      name: '\u202Egnp.exe\u202C Mallory',
      role: 'viewer',
    });
    expect(created.status).toBe(201);
    expect(created.body.user.name).toBe('gnp.exe Mallory');
    expect((await t.composition.users.findByEmail('rlo@test.local'))?.name).toBe('gnp.exe Mallory');

    const changed = await t.request('PATCH', `/api/users/${created.body.user.id}`, {
      name: 'Eve\u2067 \u2068Lee\u2069',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.name).toBe('Eve Lee');

    const token = await t.request('POST', '/api/auth/tokens', { name: 'nightly\u202D' });
    expect(token.status).toBe(201);
    expect(token.body.apiToken.name).toBe('nightly');
  });

  it('keep right-to-left text itself: only the control characters go', async () => {
    const res = await t.request('POST', '/api/expenses', {
      propertyId: '101',
      date: '2025-10-17',
      description: '\u202Bתיקון מזגן\u202C',
      amount: 100,
      type: 'expense',
    });
    expect(res.status).toBe(201);
    expect(res.body.entry.description).toBe('תיקון מזגן');
  });

  it('the OpenAPI document still builds with the cleaning schemas', async () => {
    const doc = await t.request('GET', '/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/expenses']).toBeDefined();
  });
});
