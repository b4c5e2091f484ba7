import { describe, expect, it } from 'vitest';
import { asciiFileName, attachment } from './content-disposition.js';

describe('attachment', () => {
  it('gives the name as it is in filename* and an ASCII stand-in in filename', () => {
    const header = attachment('Owner statement – José Núñez – October 2025.pdf');
    expect(header).toBe(
      `attachment; filename="Owner statement - Jose Nunez - October 2025.pdf"; filename*=UTF-8''Owner%20statement%20%E2%80%93%20Jos%C3%A9%20N%C3%BA%C3%B1ez%20%E2%80%93%20October%202025.pdf`,
    );
    // What a browser reads back from filename*.
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('Owner statement – José Núñez – October 2025.pdf');
  });

  it('never lets a quote, a backslash or a line break into the header', () => {
    const header = attachment('a"b\\c\r\nSet-Cookie: x.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(/filename="([^"]*)"/.exec(header)?.[1]).toBe('abcSet-Cookie: x.pdf');
    expect(header).toContain("filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x.pdf");
  });

  it('has a stand-in for a name with no ASCII letter at all', () => {
    expect(asciiFileName('שלום')).toBe('download');
    expect(attachment("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
  });
});
