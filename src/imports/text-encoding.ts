/**
 * The text of an uploaded CSV. Excel on Windows saves CSV in the Windows code page and
 * "Unicode text" in UTF-16 with a byte-order mark, so: a BOM decides; otherwise UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252 (which decodes any byte, so é and € survive).
 */
import { FileRefused } from './file-refused.js';

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    throw new FileRefused('unsupported_file_type', 'the file is not text, so it cannot be read as CSV');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

/**
 * Windows-1252 by hand: Node's TextDecoder treats the label as Latin-1, which turns 0x80 (€) and
 * the curly quotes at 0x91–0x94 into control characters.
 */
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
  return text;
}
