/**
 * A strict RFC 4180 reader for tests (CRLF records, `""` inside quotes, newlines allowed inside
 * quotes), enough to read the CSVs the app writes back and check each cell, including whether
 * it was quoted (text) or bare (a number).
 */
export interface CsvCell {
  text: string;
  quoted: boolean;
}

export function parseCsv(csv: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let i = 0;
  while (i < csv.length) {
    let cell: CsvCell;
    if (csv[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= csv.length) throw new Error('unterminated quoted cell');
        if (csv[i] === '"') {
          if (csv[i + 1] !== '"') {
            i++;
            break;
          }
          text += '"';
          i += 2;
          continue;
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
    row.push(cell);
    if (csv[i] === ',') {
      i++;
    } else if (csv.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`unexpected ${JSON.stringify(csv[i] ?? 'end of text')} at ${i}`);
    }
  }
  if (row.length > 0) throw new Error('the last record has no CRLF');
  return rows;
}

/** The records as objects keyed by the header row's texts. */
export function csvRecords(csv: string): Array<Record<string, CsvCell>> {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error('no header row');
  return rows.map((r) =>
    Object.fromEntries(header.map((h, i) => [h.text, r[i] ?? { text: '', quoted: false }])),
  );
}
