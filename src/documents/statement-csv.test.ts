import { describe, expect, it } from 'vitest';
import {
  statementLine as line,
  statementFixture as statement,
} from '../../test/helpers/statement-fixture.js';
import type { StatementSummary } from '../db/repositories/statement-repository.js';
import { neutraliseText, statementCsv, statementListCsv } from './statement-csv.js';

/** One parsed CSV cell: its text and whether it was written in quotes. */
interface ParsedCell {
  text: string;
  quoted: boolean;
}

/** A strict RFC 4180 reader (CRLF records, `""` inside quotes), enough to read our own output. */
function parseCsv(csv: string): ParsedCell[][] {
  const rows: ParsedCell[][] = [];
  let row: ParsedCell[] = [];
  let i = 0;
  const endOfRecord = () => {
    rows.push(row);
    row = [];
  };
  while (i < csv.length) {
    let cell: ParsedCell;
    if (csv[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= csv.length) throw new Error('unterminated quoted cell');
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += csv[i];
        i++;
      }
      cell = { text, quoted: true };
    } else {
      let text = '';
      while (i < csv.length && csv[i] !== ',' && csv[i] !== '\r') {
        if (csv[i] === '"' || csv[i] === '\n') throw new Error(`stray ${JSON.stringify(csv[i])} at ${i}`);
        text += csv[i];
        i++;
      }
      cell = { text, quoted: false };
    }
    if (csv[i] === ',') {
      row.push(cell);
      i++;
    } else if (csv.startsWith('\r\n', i)) {
      if (cell.text !== '' || cell.quoted || row.length > 0) row.push(cell);
      endOfRecord();
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(csv[i])} at ${i}`);
  }
  if (row.length > 0) throw new Error('the last record has no CRLF');
  return rows;
}

const rowStarting = (rows: ParsedCell[][], first: string) => rows.find((r) => r[0]?.text === first);

describe('statement CSV', () => {
  it('writes money, negative amounts included, as bare numbers a spreadsheet reads as numbers', () => {
    const s = statement({
      adjustments: [
        {
          id: 'l1',
          propertyId: '101',
          date: '2025-10-20',
          description: 'refund',
          amount: -1234,
          type: 'adjustment',
        },
      ],
    });
    const csv = statementCsv(s);
    const rows = parseCsv(csv);
    const adjustment = rowStarting(rows, 'adjustment');
    expect(adjustment?.[3]).toEqual({ text: '-12.34', quoted: false });
    expect(Number(adjustment?.[3]?.text)).toBe(-12.34);
    expect(rowStarting(rows, 'netPayout')?.[1]).toEqual({ text: '-0.05', quoted: false });
    expect(rowStarting(rows, 'adjustments')?.[1]).toEqual({ text: '-12.34', quoted: false });
    expect(csv).not.toContain("'-");
    // Counts are numbers too; the reservation's money columns keep their cents exactly.
    const reservation = rowStarting(rows, 'R1');
    expect(reservation?.slice(5).map((c) => c.text)).toEqual([
      '4',
      '4',
      '1000.01',
      '100.00',
      '0.00',
      '1100.01',
      '180.00',
      '138.00',
      '120.50',
      '782.01',
    ]);
    expect(reservation?.slice(5).every((c) => !c.quoted && Number.isFinite(Number(c.text)))).toBe(true);
  });

  it('quotes every text cell and neutralises formulas, commands and NUL', () => {
    const hostile = [
      '=HYPERLINK("http://evil","click")',
      '\uFF1D1+1',
      '|cmd',
      ';x',
      '+1',
      '-2+3',
      '@SUM(A1)',
      '\tx',
      '\rx',
    ];
    const s = statement({
      lines: hostile.map((guestName, i) => line({ reservationId: `R${i}`, guestName })),
      expenses: [
        {
          id: 'l1',
          propertyId: '101',
          date: '2025-10-20',
          description: 'a\u0000b',
          amount: 500,
          type: 'expense',
        },
        {
          id: 'l2',
          propertyId: '101',
          date: '2025-10-21',
          description: '\u0000=1+1',
          amount: 1,
          type: 'expense',
        },
      ],
    });
    const csv = statementCsv(s);
    expect(csv).not.toContain('\u0000');
    const rows = parseCsv(csv);
    const guests = hostile.map((_, i) => rowStarting(rows, `R${i}`)?.[1]);
    expect(guests).toEqual(hostile.map((h) => ({ text: `'${h}`, quoted: true })));
    expect(rowStarting(rows, 'expense')?.[2]).toEqual({ text: 'ab', quoted: true });
    expect(rows.filter((r) => r[0]?.text === 'expense')[1]?.[2]).toEqual({ text: "'=1+1", quoted: true });
    // Every cell that is not a number was written in quotes, labels and dates included.
    for (const row of rows) {
      for (const cell of row) {
        if (!/^-?\d+(\.\d+)?$/.test(cell.text))
          expect(cell, JSON.stringify(cell)).toMatchObject({ quoted: true });
      }
    }
  });

  it('reads back exactly what was written: commas, quotes, line breaks and Unicode survive', () => {
    const names = ['Smith, John', 'The "Big" House', 'two\r\nlines', 'Zoë Müller', 'שלום כהן', '東京 🏠', ''];
    const s = statement({ lines: names.map((guestName, i) => line({ reservationId: `R${i}`, guestName })) });
    const rows = parseCsv(statementCsv(s));
    expect(names.map((_, i) => rowStarting(rows, `R${i}`)?.[1]?.text)).toEqual(names);
    expect(rows[0]?.map((c) => c.text)).toEqual([
      'statement',
      'stmt_01',
      'property',
      'Seaside Loft',
      'period',
      '2025-10-01..2025-10-31',
    ]);
    expect(rowStarting(rows, 'reservation')?.map((c) => c.text)).toEqual([
      'reservation',
      'guest',
      'source',
      'checkIn',
      'checkOut',
      'nights',
      'nightsInPeriod',
      'accommodation',
      'cleaning',
      'otherFees',
      'grossRevenue',
      'channelFees',
      'commission',
      'taxes',
      'ownerPayout',
    ]);
  });

  it('of a list has the same cell kinds: text quoted, numbers bare, a missing name empty', () => {
    const { lines: _l, expenses: _e, adjustments: _a, ...rest } = statement({ propertyName: null });
    const summary: StatementSummary = { ...rest, lineCount: 1, warningCount: 0 };
    const rows = parseCsv(statementListCsv([summary]));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveLength(21);
    const [row] = rows.slice(1);
    expect(row?.slice(0, 4)).toEqual([
      { text: 'stmt_01', quoted: true },
      { text: '101', quoted: true },
      { text: '', quoted: false },
      { text: '1', quoted: true },
    ]);
    expect(row?.[8]).toEqual({ text: '1', quoted: false });
    expect(row?.[20]).toEqual({ text: '-0.05', quoted: false });
  });
});

describe('neutraliseText', () => {
  it('leaves ordinary text alone and prefixes only a dangerous first character', () => {
    expect(neutraliseText('Cleaning - October')).toBe('Cleaning - October');
    expect(neutraliseText('a=b')).toBe('a=b');
    expect(neutraliseText('\uFF20x')).toBe("'\uFF20x");
    expect(neutraliseText('\u0000')).toBe('');
  });
});
