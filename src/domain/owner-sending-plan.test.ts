import { describe, expect, it } from 'vitest';
import {
  type OwnerDelivery,
  ownersMailed,
  type PeriodStatement,
  planSending,
  statementsToSend,
  unknownOwner,
} from './owner-sending-plan.js';
import type { StatementStatus } from './types.js';

const st = (
  id: string,
  ownerId: string | null,
  status: StatementStatus,
  name = `Villa ${id}`,
): PeriodStatement => ({
  id: `stmt_${id}`,
  propertyId: id,
  propertyName: name,
  ownerId,
  status,
});

const owners = (prefs: Record<string, OwnerDelivery>) => (id: string) =>
  id in prefs ? { name: `Owner ${id}`, delivery: prefs[id] ?? 'combined' } : unknownOwner(id);

describe('planSending', () => {
  it('sends a combined owner one e-mail with every statement, marking only the finals sent', () => {
    const plan = planSending(
      [st('203', '1', 'final'), st('201', '1', 'sent'), st('202', '1', 'final')],
      owners({ '1': 'combined' }),
    );
    expect(plan.notReady).toEqual([]);
    expect(plan.mails).toHaveLength(1);
    const [mail] = plan.mails;
    expect(mail?.kind).toBe('owner');
    if (mail?.kind !== 'owner') return;
    expect(mail.sections.map((s) => s.propertyId)).toEqual(['201', '202', '203']);
    expect(mail.toSend.map((s) => s.propertyId)).toEqual(['202', '203']);
    expect(statementsToSend(plan).map((s) => s.id)).toEqual(['stmt_202', 'stmt_203']);
    expect(ownersMailed(plan)).toBe(1);
  });

  it('holds back a combined owner with any draft: nothing of theirs is sent', () => {
    const plan = planSending(
      [st('201', '1', 'final'), st('202', '1', 'draft'), st('203', '1', 'final')],
      owners({ '1': 'combined' }),
    );
    expect(plan.mails).toEqual([]);
    expect(plan.notReady).toEqual([
      expect.objectContaining({
        ownerId: '1',
        ownerName: 'Owner 1',
        drafts: [expect.objectContaining({ propertyId: '202' })],
        finals: [
          expect.objectContaining({ propertyId: '201' }),
          expect.objectContaining({ propertyId: '203' }),
        ],
      }),
    ]);
    expect(statementsToSend(plan)).toEqual([]);
  });

  it('sends a per-property owner one e-mail per final statement; their drafts wait alone', () => {
    const plan = planSending(
      [st('301', '2', 'final'), st('302', '2', 'draft'), st('303', '2', 'final'), st('304', '2', 'sent')],
      owners({ '2': 'per_property' }),
    );
    expect(plan.notReady).toEqual([]);
    expect(plan.mails.map((m) => (m.kind === 'statement' ? m.statement.propertyId : m.kind))).toEqual([
      '301',
      '303',
    ]);
    expect(ownersMailed(plan)).toBe(1);
  });

  it('lists a combined owner whose statements were all sent, and sends them nothing', () => {
    const plan = planSending([st('201', '1', 'sent'), st('202', '1', 'sent')], owners({ '1': 'combined' }));
    expect(plan.mails).toEqual([]);
    expect(plan.alreadySent.map((o) => o.ownerId)).toEqual(['1']);
  });

  it('plans owners in name order, an unknown owner as combined, and a statement with no owner alone', () => {
    const plan = planSending(
      [st('401', '9', 'final'), st('101', null, 'final'), st('102', null, 'draft'), st('201', '1', 'final')],
      owners({ '1': 'combined' }),
    );
    expect(plan.mails.map((m) => [m.kind, m.ownerId])).toEqual([
      ['owner', '1'],
      ['owner', '9'],
      ['statement', null],
    ]);
    expect(plan.mails[1]).toMatchObject({ ownerName: 'owner 9' });
    expect(ownersMailed(plan)).toBe(2);
  });

  it('orders an owner’s sections naturally by property name', () => {
    const plan = planSending(
      [st('1', '1', 'final', 'Unit 10'), st('2', '1', 'final', 'Unit 2'), st('3', '1', 'final', 'apartment')],
      owners({ '1': 'combined' }),
    );
    const [mail] = plan.mails;
    expect(mail?.kind === 'owner' ? mail.sections.map((s) => s.propertyName) : []).toEqual([
      'apartment',
      'Unit 2',
      'Unit 10',
    ]);
  });
});
