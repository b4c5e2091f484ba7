/**
 * Display order for PDF text that mixes left-to-right and right-to-left scripts (Hebrew, and
 * Arabic should a font for it ever be added). pdfkit draws strings left to right as given, so a
 * line has to be put into visual order before it is drawn.
 *
 * This is a reduced Unicode Bidirectional Algorithm (UAX #9) for a left-to-right paragraph,
 * which is what every line of a statement is (English labels around names): strong
 * right-to-left letters get level 1, digits after right-to-left text level 2 (they still read
 * left to right), spaces and punctuation between two right-to-left letters join them, anything
 * else stays at level 0; then runs are reversed from the highest level down (rule L2).
 * Explicit embeddings are not needed: bidi control characters are removed on input.
 * Pure: no pdfkit, no fonts.
 */

export type BidiClass = 'L' | 'R' | 'EN' | 'N';

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const DIGIT = /\p{Nd}/u;
const STRONG_LTR = /[\p{L}\p{Mc}]/u;

/** The class of a grapheme cluster, decided by its first code point. */
export function bidiClassOf(cluster: string): BidiClass {
  const first = String.fromCodePoint(cluster.codePointAt(0) ?? 0x20);
  if (RTL.test(first)) return 'R';
  if (DIGIT.test(first)) return 'EN';
  if (STRONG_LTR.test(first)) return 'L';
  return 'N';
}

/** Embedding levels (0 = left to right, 1 = right to left, 2 = digits inside right-to-left). */
export function bidiLevels(classes: readonly BidiClass[]): number[] {
  // Digits take the direction of the strong letter before them (W7 in reverse: after R they
  // stay numbers inside the right-to-left run; after L or at the start they are plain L).
  const resolved: Array<'L' | 'R' | 'N'> = [];
  const levels: number[] = [];
  let lastStrong: 'L' | 'R' = 'L';
  for (const c of classes) {
    if (c === 'L' || c === 'R') {
      lastStrong = c;
      resolved.push(c);
      levels.push(c === 'R' ? 1 : 0);
    } else if (c === 'EN') {
      resolved.push(lastStrong);
      levels.push(lastStrong === 'R' ? 2 : 0);
    } else {
      resolved.push('N');
      levels.push(0);
    }
  }
  // Neutrals between two right-to-left neighbours join them (N1); otherwise the paragraph's
  // direction, left to right (N2). The start and the end of the line count as left to right.
  for (let i = 0; i < resolved.length; ) {
    if (resolved[i] !== 'N') {
      i++;
      continue;
    }
    let j = i;
    while (j < resolved.length && resolved[j] === 'N') j++;
    const before = i > 0 ? resolved[i - 1] : 'L';
    const after = j < resolved.length ? resolved[j] : 'L';
    const level = before === 'R' && after === 'R' ? 1 : 0;
    for (let k = i; k < j; k++) levels[k] = level;
    i = j;
  }
  return levels;
}

/** The indexes of `levels` in display order (rule L2: reverse runs from the highest level down). */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  const max = Math.max(0, ...levels);
  for (let level = max; level >= 1; level--) {
    for (let i = 0; i < order.length; ) {
      if ((levels[order[i] ?? 0] ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && (levels[order[j] ?? 0] ?? 0) >= level) j++;
      const reversed = order.slice(i, j).reverse();
      order.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return order;
}
