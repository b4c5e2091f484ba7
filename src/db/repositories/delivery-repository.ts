/** Every attempt to e-mail a statement: to whom, how, and how it ended. */
import { newId } from '../../lib/ids.js';
import type { Db } from '../database.js';

export interface Delivery {
  id: string;
  statementId: string;
  recipient: string;
  status: 'sent' | 'failed';
  via: string | null;
  messageId: string | null;
  error: string | null;
  resend: boolean;
  createdBy: string | null;
  createdAt: string;
}

export class DeliveryRepository {
  constructor(private readonly db: Db) {}

  async record(d: Omit<Delivery, 'id'>): Promise<Delivery> {
    const id = newId('dlv');
    await this.db
      .insertInto('deliveries')
      .values({
        id,
        statement_id: d.statementId,
        recipient: d.recipient,
        status: d.status,
        via: d.via,
        message_id: d.messageId,
        error: d.error,
        resend: d.resend ? 1 : 0,
        created_by: d.createdBy,
        created_at: d.createdAt,
      })
      .execute();
    return { id, ...d };
  }

  async forStatement(statementId: string): Promise<Delivery[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('statement_id', '=', statementId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      statementId: r.statement_id,
      recipient: r.recipient,
      status: r.status as Delivery['status'],
      via: r.via,
      messageId: r.message_id,
      error: r.error,
      resend: Number(r.resend) === 1,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }
}
