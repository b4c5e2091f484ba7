/** Opaque pagination cursors: clients pass back what they got, and cannot forge SQL through it. */
import { badRequest } from '../services/errors.js';

export const encodeCursor = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[a-z]+_[0-9a-z]{26}$/.test(value)) throw badRequest('cursor: not a cursor this API returned');
  return value;
}
