/**
 * Small real images for logo tests: PNGs drawn pixel by pixel (encoded here with zlib, as any
 * PNG writer does) and one baseline JPEG (96 × 48, made once with poppler's pdftoppm).
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export type Rgba = [number, number, number, number];

/** An RGBA PNG of `width` × `height` whose pixel (x, y) is `pixel(x, y)`. */
export function pngImage(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A logo-like PNG: a navy band with a gold disc, transparent around it. */
export function logoPng(width = 240, height = 80): Buffer {
  return pngImage(width, height, (x, y) => {
    const dx = x - height / 2;
    const dy = y - height / 2;
    if (dx * dx + dy * dy < (height / 3) ** 2) return [242, 177, 52, 255];
    if (y > height * 0.3 && y < height * 0.7) return [29, 63, 110, 255];
    return [0, 0, 0, 0];
  });
}

/** A PNG of random pixels (incompressible): `kib` KiB or a little more. */
export function noisePng(kib: number): Buffer {
  const side = Math.ceil(Math.sqrt((kib * 1024) / 4));
  const noise = randomBytes(side * side * 4);
  return pngImage(side, side, (x, y) => {
    const i = (y * side + x) * 4;
    return [noise[i] ?? 0, noise[i + 1] ?? 0, noise[i + 2] ?? 0, 255];
  });
}

/** A 96 × 48 baseline JPEG. */
export const SAMPLE_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAwAGADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDlKKKsWVnNfXIgt1BY8knoB6mu+UlFc0tjkSbdkV6K7G18M2MSD7Runfv8xUfhii68M2MqH7Pugft8xYfjmvO/tbD81tfW39M6/qNW1zjqKsXtnNY3JguFAYcgjoR6iq9ejGSkuaOxyNNOzCiiiqEFFFFABRRRQAV2PhW2WLTPtGBvmY8+wOMfzrjq7HwrcrLpn2fI3wsePYnOf515mbc31fTur/16nZgbe11Nuiiivlz2TE8VWyy6Z9owN8LDn2Jxj+VcdXY+KrlYtM+z5G+Zhx7A5z/KuOr6jKeb6vr3dv69Txsdb2ugUUUV6ZxhRRRQAUUUUAFWLK8msbkT27AMOCD0I9DVeiplFSXLLYabTujsbXxNYyoPtG6B+/ylh+GKLrxNYxIfs+6d+3ylR+Oa46ivO/snD819fS/9M6/r1W1ixe3k19cme4YFjwAOgHoKr0UV6MYqK5Y7HI227sKKKKoQUUUUAFFFFAH/2Q==',
  'base64',
);
