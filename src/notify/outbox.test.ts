import { describe, expect, it } from 'vitest';
import { decodeHeader } from './outbox.js';

describe('decodeHeader', () => {
  it('decodes the encoded words nodemailer writes for non-ASCII headers', () => {
    expect(decodeHeader('=?UTF-8?Q?Owner_statement:_Caf=C3=A9_Loft?=')).toBe('Owner statement: Café Loft');
    expect(decodeHeader('=?UTF-8?B?Q2Fmw6k=?= =?UTF-8?Q?_Loft?=')).toBe('Café Loft');
    expect(decodeHeader('plain text')).toBe('plain text');
  });
});
