import { describe, expect, it } from 'vitest';
import { bidiClassOf, bidiLevels, visualOrder } from './pdf-bidi.js';

/** The display order of a string whose characters are each one cluster. */
const display = (text: string) => {
  const chars = [...text];
  return visualOrder(bidiLevels(chars.map(bidiClassOf)))
    .map((i) => chars[i])
    .join('');
};

describe('bidi display order', () => {
  it('leaves left-to-right text as it is', () => {
    expect(display('Zoë Müller, 12 nights')).toBe('Zoë Müller, 12 nights');
  });

  it('reverses a Hebrew name, letters and words, with its space kept between the words', () => {
    expect(display('שלום כהן')).toBe('ןהכ םולש');
  });

  it('keeps English around Hebrew in place and leaves the boundary space left to right', () => {
    expect(display('Owner: שלום כהן!')).toBe('Owner: ןהכ םולש!');
    expect(bidiLevels([...'a שב c'].map(bidiClassOf))).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('reads digits inside Hebrew left to right', () => {
    // "apartment 12 in Tel Aviv": the number stays 12 and sits between the reversed words.
    expect(display('דירה 12 בתל')).toBe('לתב 12 הריד');
  });

  it('classifies by the first code point', () => {
    expect([...'aש1 ,'].map(bidiClassOf)).toEqual(['L', 'R', 'EN', 'N', 'N']);
  });
});
