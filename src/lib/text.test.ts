import { describe, expect, it } from 'vitest';
import { stripBidiControls, stripBidiControlsOrNull } from './text.js';

describe('stripBidiControls', () => {
  it('removes every embedding, override and isolate control', () => {
    const controls = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ];
    for (const c of controls) expect(stripBidiControls(`a${c}b`)).toBe('ab');
  });

  it('keeps letters of every script, marks and emoji', () => {
    const text = 'Café שלום 東京 Zoë 🏠 \u200F';
    expect(stripBidiControls(text)).toBe(text);
  });

  it('passes null and undefined through', () => {
    expect(stripBidiControlsOrNull(null)).toBeNull();
    expect(stripBidiControlsOrNull(undefined)).toBeUndefined();
    expect(stripBidiControlsOrNull('\u202Eyaw')).toBe('yaw');
  });
});
