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

  it('reads only the filled cells: a row is as wide as its last one', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Date', 'Amount']);
      sheet.addRow(['2025-10-14', 12]);
      sheet.getCell(3, 150).value = 'far right';
      // Formatting alone does not fill a cell.
      sheet.getCell(2, 190).numFmt = '0.00';
    });
    const { sheet } = await readXlsx(bytes, 100);
    expect(sheet.rows.map((r) => r.cells.length)).toEqual([2, 150]);
    expect(sheet.rows[1]?.cells[149]).toEqual({ kind: 'text', text: 'far right' });
  });

  it('refuses a workbook with a cell beyond column 200 (one in XFD would make every row 16,384 wide)', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Date', 'Amount']);
      for (let i = 0; i < 20; i += 1) sheet.addRow(['2025-10-14', i + 1]);
      sheet.getCell(5, 16_384).value = 'x';
    });
    await expect(readXlsx(bytes, 100)).rejects.toMatchObject({
      code: 'too_many_columns',
      message: expect.stringMatching(/row 5 has a value in column 16384/),
    });
  });

  it('counts only rows with something in them against the row limit', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Amount']);
      sheet.addRow([1]);
      // Rows with a space or an empty text: exceljs reports them, the sheet leaves them out.
      for (let i = 0; i < 5; i += 1) sheet.addRow([' ']);
      sheet.addRow([2]);
      sheet.addRow([3]);
    });
    const { sheet } = await readXlsx(bytes, 2);
    expect(sheet.rows.map((r) => r.number)).toEqual([2, 8, 9]);
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
    expect(zipDirectory(bytes)).toMatchObject({ unpacked: 11, names: ['xl/', 'xl/workbook.xml'] });
    // What a zip bomb declares: the central directory entry's unpacked size (offset 24).
    const view = new DataView(bytes.buffer);
    const entry = bytes.length - 22 - 46 - 'xl/workbook.xml'.length;
    expect(view.getUint32(entry, true)).toBe(0x02014b50);
    view.setUint32(entry + 24, 101 * 1024 * 1024, true);
    expect(zipDirectory(bytes)?.unpacked).toBe(101 * 1024 * 1024);
    await expect(readXlsx(bytes, 10)).rejects.toMatchObject({ code: 'file_too_large' });
  });
});

/** A workbook with a 2 MB entry of zeros beside its sheets (deflated to a few KB). */
async function paddedWorkbook(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(
    await workbook((sheet) => {
      sheet.addRow(['Date', 'Amount']);
      sheet.addRow(['2025-10-14', 12]);
    }),
  );
  zip.file('xl/media/padding.bin', new Uint8Array(2 * 1024 * 1024));
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** Makes the archive declare `size` as the entry's unpacked size, in its directory and local header. */
function declareSize(bytes: Uint8Array, name: string, size: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entry = zipDirectory(bytes)?.entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  view.setUint32(entry.localHeaderOffset + 22, size, true);
  const wanted = new TextEncoder().encode(name);
  for (let at = 0; at + 46 < bytes.length; at += 1) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const named = bytes.subarray(at + 46, at + 46 + wanted.length);
    if (view.getUint16(at + 28, true) === wanted.length && named.every((b, i) => b === wanted[i])) {
      view.setUint32(at + 24, size, true);
      return;
    }
  }
  throw new Error(`no directory entry ${name}`);
}

describe('readXlsx within the unpacked-size limit', () => {
  it('reads a workbook whose entries together stay within the limit', async () => {
    const bytes = await paddedWorkbook();
    const { sheet } = await readXlsx(bytes, 10, { maxUnpackedBytes: 3 * 1024 * 1024 });
    expect(sheet.rows.map((r) => r.cells.map(cellText))).toEqual([['2025-10-14', '12']]);
  });

  it('counts the real unpacked bytes, not the sizes the archive declares', async () => {
    const bytes = await paddedWorkbook();
    declareSize(bytes, 'xl/media/padding.bin', 1024);
    expect(zipDirectory(bytes)?.unpacked).toBeLessThan(1024 * 1024);
    await expect(readXlsx(bytes, 10, { maxUnpackedBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'file_too_large',
    });
  });

  it('refuses a broken entry as unreadable', async () => {
    const bytes = await paddedWorkbook();
    const entry = zipDirectory(bytes)?.entries.find((e) => e.name === 'xl/workbook.xml');
    if (!entry) throw new Error('no workbook entry');
    // The local header's signature of the workbook entry.
    bytes[entry.localHeaderOffset] = 0;
    await expect(readXlsx(bytes, 10)).rejects.toMatchObject({ code: 'unreadable_file' });
  });
});
