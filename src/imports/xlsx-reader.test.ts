import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cellText } from './sheet.js';
import { readXlsx } from './xlsx-reader.js';
import { zipDirectory } from './zip-size.js';

async function workbook(
  build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Expenses'), book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('readXlsx', () => {
  it('reads the first worksheet with date cells as dates and numbers as numbers', async () => {
    const bytes = await workbook((sheet, book) => {
      sheet.addRow(['Date', 'Property', 'Description', 'Amount']);
      sheet.addRow([new Date(Date.UTC(2025, 9, 14)), 'Seaside Loft', 'Plumber', 125.5]);
      sheet.addRow([]);
      sheet.addRow(['2025-10-15', 101, { richText: [{ text: 'Rich ' }, { text: 'text' }] }, '1.234,56']);
      book.addWorksheet('Other').addRow(['ignored']);
    });
    const { sheet, worksheet } = await readXlsx(bytes, 100);
    expect(worksheet).toBe('Expenses');
    expect(sheet.headers).toEqual(['Date', 'Property', 'Description', 'Amount']);
    expect(sheet.rows.map((r) => r.number)).toEqual([2, 4]);
    expect(sheet.rows[0]?.cells).toEqual([
      { kind: 'date', date: '2025-10-14' },
      { kind: 'text', text: 'Seaside Loft' },
      { kind: 'text', text: 'Plumber' },
      { kind: 'number', value: 125.5 },
    ]);
    expect(sheet.rows[1]?.cells.map(cellText)).toEqual(['2025-10-15', '101', 'Rich text', '1.234,56']);
  });

  it('reads formulas by their saved results, and date-formatted numbers as dates', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Date', 'Amount', 'Label']);
      const row = sheet.addRow([
        45944,
        { formula: 'B3*2', result: 24.5 },
        { formula: '"a"&"b"', result: 'ab' },
      ]);
      row.getCell(1).numFmt = 'dd/mm/yyyy';
    });
    const { sheet } = await readXlsx(bytes, 100);
    expect(sheet.rows[0]?.cells).toEqual([
      { kind: 'date', date: '2025-10-14' },
      { kind: 'number', value: 24.5 },
      { kind: 'text', text: 'ab' },
    ]);
  });

  it('refuses bytes that are no workbook', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'not a workbook');
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    await expect(readXlsx(bytes, 10)).rejects.toMatchObject({ code: 'unreadable_file' });
    await expect(readXlsx(new TextEncoder().encode('PK garbage'), 10)).rejects.toMatchObject({
      code: 'unreadable_file',
    });
  });

  it('refuses an archive that says it unpacks to more than the limit, before unpacking it', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(zipDirectory(bytes)).toEqual({ unpacked: 11, names: ['xl/', 'xl/workbook.xml'] });
    // What a zip bomb declares: the central directory entry's unpacked size (offset 24).
    const view = new DataView(bytes.buffer);
    const entry = bytes.length - 22 - 46 - 'xl/workbook.xml'.length;
    expect(view.getUint32(entry, true)).toBe(0x02014b50);
    view.setUint32(entry + 24, 101 * 1024 * 1024, true);
    expect(zipDirectory(bytes)?.unpacked).toBe(101 * 1024 * 1024);
    await expect(readXlsx(bytes, 10)).rejects.toMatchObject({ code: 'file_too_large' });
  });
});
