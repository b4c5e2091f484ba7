/**
 * Identifiers: a prefix plus a ULID, unique across processes and restarts and sortable by
 * creation time (unlike a counter that starts again at 1 after a restart).
 */
import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

export type IdPrefix = 'job' | 'stmt' | 'led' | 'usr' | 'ses' | 'tok' | 'aud' | 'dlv' | 'imp' | 'ovr';

export const newId = (prefix: IdPrefix): string => `${prefix}_${nextUlid().toLowerCase()}`;
