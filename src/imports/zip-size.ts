/**
 * What a ZIP archive (an XLSX is one) says its entries unpack to, read from its central
 * directory without unpacking anything: a 5 MB upload that unpacks to gigabytes is refused
 * before a parser holds it in memory. A parser still stops at the real size of each entry.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

export interface ZipDirectory {
  /** The sum of the entries' unpacked sizes. */
  unpacked: number;
  names: string[];
}

/** The entries' names and unpacked sizes, or null when the bytes are not a ZIP we can read. */
export function zipDirectory(bytes: Uint8Array): ZipDirectory | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < entries; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF: the real size is in a ZIP64 field; no spreadsheet of ours needs 4 GiB.
    if (size === 0xffffffff) return { unpacked: Number.POSITIVE_INFINITY, names };
    total += size;
    const nameLength = view.getUint16(at + 28, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { unpacked: total, names };
}
