/**
 * `Content-Disposition: attachment` for a file name in any script (RFC 6266): `filename*` holds
 * the name as it is (UTF-8, percent-encoded, RFC 8187), and `filename` an ASCII stand-in for
 * clients that read only that one — accents dropped, dashes as hyphens, anything else left out.
 * A header value is Latin-1 at most, so the name itself can never go in `filename` as it is.
 */

/** `Owner statement – José – October 2025.pdf` → `Owner statement - Jose - October 2025.pdf`. */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return ascii || 'download';
}

/** RFC 8187's value-chars: what encodeURIComponent leaves, less the characters it must encode too. */
const encodeValue = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function attachment(fileName: string): string {
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encodeValue(fileName)}`;
}
