/**
 * Natural order for names people read: "Unit 2" before "Unit 10", letter case and accents not
 * deciding ("apartment" next to "Apartment"). One collator, made once: creating one per compare
 * is slow on long lists.
 */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b);

/** A sorted copy of `items`, by `key` in natural order, then by `tieBreak` (e.g. the e-mail). */
export function naturalSortBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  tieBreak?: (item: T) => string,
): T[] {
  return [...items].sort(
    (a, b) => naturalCompare(key(a), key(b)) || (tieBreak ? naturalCompare(tieBreak(a), tieBreak(b)) : 0),
  );
}

/** Lower case without accents, so "José" is found by "jose". */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/** True when every word of `query` occurs in one of `texts` (an empty query matches everything). */
export function matchesQuery(query: string, texts: readonly (string | null | undefined)[]): boolean {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = searchable(texts.filter(Boolean).join(' \u0000 '));
  return words.every((word) => haystack.includes(word));
}
