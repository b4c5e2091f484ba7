import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from '../contract/import-limits.js';
import { readUpload, uploadKind } from './read-upload.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('readUpload', () => {
  it('reads CSV by its name, XLSX by its name and its ZIP bytes', async () => {
    expect((await readUpload('october.CSV', text('A,B\n1,2\n'))).kind).toBe('csv');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet 1').addRows([['A'], ['1']]);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    expect(await readUpload('october.xlsx', xlsx)).toMatchObject({ kind: 'xlsx', detail: 'Sheet 1' });
  });

  it('refuses other file types with unsupported_file_type', () => {
    const refused = (name: string, bytes: Uint8Array) => () => uploadKind(name, bytes);
    expect(refused('expenses.pdf', text('%PDF'))).toThrow(/files of type \.pdf cannot be imported/);
    expect(refused('expenses', text('A'))).toThrow(/without an extension/);
    expect(refused('old.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow(
      /\.xls\) cannot be read/,
    );
    expect(refused('renamed.csv', Uint8Array.from([0x50, 0x4b, 0x03, 0x04]))).toThrow(
      expect.objectContaining({ code: 'unsupported_file_type' }),
    );
    expect(refused('fake.xlsx', text('A,B'))).toThrow(expect.objectContaining({ code: 'unreadable_file' }));
  });

  it('refuses files over the size limit, empty files and files over the row limit', async () => {
    await expect(readUpload('big.csv', new Uint8Array(MAX_IMPORT_FILE_BYTES + 1))).rejects.toMatchObject({
      code: 'file_too_large',
    });
    await expect(readUpload('empty.csv', new Uint8Array())).rejects.toMatchObject({ code: 'empty_file' });
    await expect(readUpload('header.csv', text('A,B\n'))).rejects.toMatchObject({ code: 'empty_file' });
    const many = `A\n${'1\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    await expect(readUpload('many.csv', text(many))).rejects.toMatchObject({ code: 'too_many_rows' });
    expect(
      (await readUpload('enough.csv', text(`A\n${'1\n'.repeat(MAX_IMPORT_ROWS)}`))).sheet.rows,
    ).toHaveLength(MAX_IMPORT_ROWS);
  });
});
