/**
 * The place on the owner page for sending the owner statement: the owner's delivery preference
 * and "Send owner statement". Empty for now: sending one owner statement (rather than each
 * property's) comes with its own change. It gets the owner and the period's owner statement.
 */
import type { OwnerStatementDto } from '../api.js';

export function OwnerDelivery(_props: { ownerId: string; statement: OwnerStatementDto }) {
  return null;
}
