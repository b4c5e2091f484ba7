/**
 * Checks an uploaded logo before it is stored: PNG or JPEG by its first bytes (never by the
 * name or the type the browser claims), at most MAX_LOGO_KIB, at most MAX_LOGO_PIXELS on a
 * side (pdfkit decodes a PNG's pixels in memory: a small file of a huge blank image would cost
 * hundreds of megabytes on every PDF), and one pdfkit can really embed — a logo that broke the
 * renderer would break every statement PDF.
 */
import PDFDocument from 'pdfkit';
import { MAX_LOGO_KIB, MAX_LOGO_PIXELS } from '../contract/logo-limits.js';
import type { CompanyLogo } from './company.js';

export const MAX_LOGO_BYTES = MAX_LOGO_KIB * 1024;

export type LogoCheck =
  | { ok: true; contentType: CompanyLogo['contentType']; width: number; height: number }
  | { ok: false; code: 'logo_too_large' | 'logo_not_image' | 'logo_too_many_pixels'; message: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** JPEG start-of-frame markers (they carry the size); C4, C8 and CC are other segments. */
const JPEG_SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  // The first chunk must be IHDR: width and height are its first 8 bytes, big-endian.
  if (String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0) !== 'IHDR') return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    if (length < 2) return null;
    if (JPEG_SOF.has(marker)) {
      const height = ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0);
      const width = ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0);
      return { width, height };
    }
    i += 2 + length;
  }
  return null;
}

/** True when pdfkit embeds the image without an error (it parses and, for PNG, decodes it). */
function embeds(bytes: Uint8Array): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const doc = new PDFDocument({ size: [100, 100], margin: 0, font: '' });
      doc.on('data', () => {});
      doc.on('end', () => resolve(true));
      doc.on('error', () => resolve(false));
      doc.image(Buffer.from(bytes), 0, 0, { fit: [100, 100] });
      doc.end();
    } catch {
      resolve(false);
    }
  });
}

export async function checkLogo(bytes: Uint8Array): Promise<LogoCheck> {
  if (bytes.length > MAX_LOGO_BYTES) {
    return {
      ok: false,
      code: 'logo_too_large',
      message: `the logo is ${Math.ceil(bytes.length / 1024)} KiB; at most ${MAX_LOGO_BYTES / 1024} KiB are allowed`,
    };
  }
  const png = pngSize(bytes);
  const jpeg = png ? null : jpegSize(bytes);
  const size = png ?? jpeg;
  const notImage = {
    ok: false,
    code: 'logo_not_image',
    message: 'the logo must be a PNG or JPEG image',
  } as const;
  if (!size) return notImage;
  if (size.width < 1 || size.height < 1) return notImage;
  if (size.width > MAX_LOGO_PIXELS || size.height > MAX_LOGO_PIXELS) {
    return {
      ok: false,
      code: 'logo_too_many_pixels',
      message: `the logo is ${size.width} × ${size.height} pixels; at most ${MAX_LOGO_PIXELS} on each side are allowed`,
    };
  }
  if (!(await embeds(bytes))) return notImage;
  return { ok: true, contentType: png ? 'image/png' : 'image/jpeg', ...size };
}
