/**
 * When two ledger entries are probably the same expense recorded twice: the same property, amounts
 * at most a cent apart, dates at most a day apart (a card payment and its booking often differ by
 * a day), and similar descriptions. Descriptions are compared normalised (lower case, accents and
 * punctuation removed, spaces collapsed): similar means equal, one contained in the other as
 * whole words ("Plumber" and "Plumber – kitchen sink"), or a token Dice similarity of at least
 * 0.6 ("Replaced hallway light" and "Hallway light replaced"). A duplicate is a warning for a
 * person to judge, never a refusal: two equal purchases on one day do happen. Pure.
 */
import { daysBetween } from './dates.js';
import type { Cents, IsoDate } from './types.js';

export const DUPLICATE_RULE = { maxCentsApart: 1, maxDaysApart: 1, minSimilarity: 0.6 } as const;

export interface DuplicateCandidate {
  propertyId: string;
  date: IsoDate;
  amount: Cents;
  description: string;
}

/** Lower case, accents removed, every run of non-letters and non-digits one space, trimmed. */
export function normaliseDescription(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Dice's coefficient of two sets of words: 2·|A∩B| / (|A| + |B|), 1 for two empty sets. */
export function tokenDice(a: string, b: string): number {
  const left = new Set(a.split(' ').filter(Boolean));
  const right = new Set(b.split(' ').filter(Boolean));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

export function similarDescriptions(a: string, b: string): boolean {
  const x = normaliseDescription(a);
  const y = normaliseDescription(b);
  if (x === y) return true;
  if (x !== '' && y !== '' && (` ${y} `.includes(` ${x} `) || ` ${x} `.includes(` ${y} `))) return true;
  return tokenDice(x, y) >= DUPLICATE_RULE.minSimilarity;
}

export function isLikelyDuplicate(a: DuplicateCandidate, b: DuplicateCandidate): boolean {
  return (
    a.propertyId === b.propertyId &&
    Math.abs(a.amount - b.amount) <= DUPLICATE_RULE.maxCentsApart &&
    Math.abs(daysBetween(a.date, b.date)) <= DUPLICATE_RULE.maxDaysApart &&
    similarDescriptions(a.description, b.description)
  );
}
