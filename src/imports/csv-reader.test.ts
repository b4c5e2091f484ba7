import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv } from './csv-reader.js';
import { cellText } from './sheet.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const texts = (rows: { cells: Parameters<typeof cellText>[0][] }[]) => rows.map((r) => r.cells.map(cellText));

describe('readCsv', () => {
  it('reads the header and rows, numbering rows by their line in the file', () => {
    const { sheet, delimiter } = readCsv(bytes('Date,Amount\n2025-10-01,12.50\n\n2025-10-02,3\n'), 100);
    expect(delimiter).toBe(',');
    expect(sheet.headers).toEqual(['Date', 'Amount']);
    expect(texts(sheet.rows)).toEqual([
      ['2025-10-01', '12.50'],
      ['2025-10-02', '3'],
    ]);
    expect(sheet.rows.map((r) => r.number)).toEqual([2, 4]);
  });

  it('drops a UTF-8 byte-order mark and reads CRLF line ends', () => {
    const { sheet } = readCsv(bytes('\uFEFFDate;Amount\r\n2025-10-01;1.234,56\r\n'), 100);
    expect(sheet.headers).toEqual(['Date', 'Amount']);
    expect(texts(sheet.rows)).toEqual([['2025-10-01', '1.234,56']]);
  });

  it('keeps delimiters, quotes and line breaks inside quoted fields, and numbers rows by where they start', () => {
    const csv = 'Description,Amount\n"Paint, brushes",10\n"Sink ""deluxe""\nand tap",20\nPlain,30\n';
    const { sheet } = readCsv(bytes(csv), 100);
    expect(texts(sheet.rows)).toEqual([
      ['Paint, brushes', '10'],
      ['Sink "deluxe"\nand tap', '20'],
      ['Plain', '30'],
    ]);
    expect(sheet.rows.map((r) => r.number)).toEqual([2, 3, 5]);
  });

  it('reads Windows-1252 and UTF-16 files as Excel saves them', () => {
    const latin = Uint8Array.from([...bytes('Description\nCaf'), 0xe9, ...bytes(' '), 0x80, ...bytes('5\n')]);
    expect(texts(readCsv(latin, 10).sheet.rows)).toEqual([['Café €5']]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Description\tAmount\nCafé\t5\n', 'utf16le'),
    ]);
    const read = readCsv(utf16, 10);
    expect(read.delimiter).toBe('\t');
    expect(texts(read.sheet.rows)).toEqual([['Café', '5']]);
  });

  it('tolerates short rows and a quote inside an unquoted field', () => {
    const { sheet } = readCsv(bytes('A,B,C\n1,2\n5" pipe,x,y\n'), 10);
    expect(texts(sheet.rows)).toEqual([
      ['1', '2'],
      ['5" pipe', 'x', 'y'],
    ]);
  });

  it('refuses a file whose quotes never close, and binary files', () => {
    expect(() => readCsv(bytes('A,B\n"open,2\n'), 10)).toThrow(
      expect.objectContaining({ code: 'unreadable_file' }),
    );
    expect(() => readCsv(Uint8Array.from([0x41, 0x00, 0x42]), 10)).toThrow(
      expect.objectContaining({ code: 'unsupported_file_type' }),
    );
  });

  it('stops reading one row past the limit, so the caller can refuse the file', () => {
    const csv = `A\n${Array.from({ length: 50 }, (_, i) => String(i)).join('\n')}\n`;
    expect(readCsv(bytes(csv), 10).sheet.rows.length).toBe(11);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter of the header line, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
    expect(detectDelimiter('"x,y,z";b\n')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('\n\nsingle\n')).toBe(',');
  });
});
