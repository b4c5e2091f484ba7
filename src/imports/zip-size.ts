/**
 * A ZIP archive (an XLSX is one) unpacked within a limit. The sizes its central directory
 * declares are read first, without unpacking anything, so an archive that says it unpacks to
 * gigabytes is refused at once. Declared sizes can lie, though, and a parser inflates an entry
 * to its real size whatever the directory says; so `unzipWithin` inflates every entry itself,
 * counting the real bytes, and stops as soon as they pass the limit. What is handed on is what
 * was counted.
 */
import { inflateRawSync } from 'node:zlib';
import { FileRefused } from './file-refused.js';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the two methods spreadsheets use). */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** What the directory says; not trusted beyond the early refusal. */
  declaredSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  /** The sum of the entries' declared unpacked sizes. */
  unpacked: number;
  names: string[];
  entries: ZipEntry[];
}

/** The entries as the central directory lists them, or null when the bytes are not a ZIP we can read. */
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
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      compressedSize: view.getUint32(at + 20, true),
      declaredSize,
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    // 0xFFFFFFFF: the real size is in a ZIP64 field; no spreadsheet of ours needs 4 GiB.
    if (declaredSize === 0xffffffff) {
      return { unpacked: Number.POSITIVE_INFINITY, names: entries.map((e) => e.name), entries };
    }
    total += declaredSize;
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { unpacked: total, names: entries.map((e) => e.name), entries };
}

const unreadable = () => new FileRefused('unreadable_file', 'the file is not a readable XLSX workbook');
const tooLarge = (maxBytes: number) =>
  new FileRefused(
    'file_too_large',
    `the workbook unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MiB; save the expenses alone in a smaller file`,
  );

/** The compressed bytes of one entry, found through its local header. */
function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw unreadable();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw unreadable();
  return bytes.subarray(start, end);
}

/**
 * Every file entry (folders left out) unpacked, name → bytes; refused with file_too_large as soon
 * as their real sizes together pass `maxBytes`, before more is inflated.
 */
export function unzipWithin(
  bytes: Uint8Array,
  directory: ZipDirectory,
  maxBytes: number,
): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const entry of directory.entries) {
    if (entry.name.endsWith('/')) continue;
    if (entry.encrypted) throw unreadable();
    const data = compressedData(bytes, entry);
    const left = maxBytes - total;
    let unpacked: Buffer;
    if (entry.method === STORED) {
      if (data.length > left) throw tooLarge(maxBytes);
      unpacked = Buffer.from(data);
    } else if (entry.method === DEFLATED) {
      try {
        // zlib stops, and throws, once the output would pass the bytes still allowed.
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(1, left) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes);
        throw unreadable();
      }
      if (unpacked.length > left) throw tooLarge(maxBytes);
    } else {
      throw unreadable();
    }
    total += unpacked.length;
    files.set(entry.name, unpacked);
  }
  return files;
}
