/**
 * Keyset pagination by id, newest first. Queries fetch `limit + 1` rows: the extra row only says
 * whether another page exists, and the last row shown is where the next page continues.
 */
export function toPage<R extends { id: string }, T>(
  rows: readonly R[],
  limit: number,
  map: (row: R) => T,
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(map), nextCursor: rows.length > limit && last ? last.id : null };
}
