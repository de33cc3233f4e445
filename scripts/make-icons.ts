/**
 * Draws the Teams app icons and writes them as PNG files:
 *
 *   manifest/color.png    192×192, a white shield with a question mark on the accent colour
 *   manifest/outline.png   32×32, the same shield in white with the question mark cut out,
 *                          on a transparent background (Teams accepts only white or transparent)
 *
 * Shapes are described as "is this point inside?" functions in a unit square and sampled 8×8 times
 * per pixel, so edges are anti-aliased without any drawing library. The PNG encoder below writes
 * 8-bit RGBA with node's zlib. Run: npm run build && node dist/scripts/make-icons.js
 */
import { deflateSync } from 'node:zlib';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Accent colour of the app (also `accentColor` in manifest/manifest.json). */
export const ACCENT = { hex: '#0E7C86', r: 0x0e, g: 0x7c, b: 0x86 } as const;

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row, RGBA. */
  data: Buffer;
}

// ---------------------------------------------------------------------------------------------
// Geometry. Coordinates: x, y in [0, 1] over the symbol's box, y pointing down.

/** Shield: flat top with rounded corners, straight sides, then curving to a point at the bottom. */
function inShield(x: number, y: number): boolean {
  const top = 0.04;
  const shoulder = 0.5; // where the sides start to curve in
  const bottom = 0.97;
  const halfWidth = 0.42;
  const corner = 0.08;
  const cx = 0.5;
  if (y < top || y > bottom) return false;
  const dx = Math.abs(x - cx);
  if (y <= shoulder) {
    if (dx > halfWidth) return false;
    // rounded top corners
    if (y < top + corner && dx > halfWidth - corner) {
      const ox = dx - (halfWidth - corner);
      const oy = top + corner - y;
      return ox * ox + oy * oy <= corner * corner;
    }
    return true;
  }
  const t = (y - shoulder) / (bottom - shoulder); // 0 at the shoulder, 1 at the point
  return dx <= halfWidth * (1 - Math.pow(t, 1.7));
}

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  const qx = ax + t * vx - px;
  const qy = ay + t * vy - py;
  return Math.sqrt(qx * qx + qy * qy);
}

/**
 * Question mark inside the shield: an arc (round caps) from the left, over the top, down the right
 * to the bottom of the circle, a short stem straight down, and a dot.
 */
function inQuestionMark(x: number, y: number): boolean {
  const cx = 0.5;
  const cy = 0.34;
  const r = 0.13;
  const half = 0.055; // half the stroke width
  // Arc: every angle except the lower-left quarter (angles measured with y down, 0 = right).
  const dx = x - cx;
  const dy = y - cy;
  const angle = Math.atan2(dy, dx); // (-π, π]
  const onArc = !(angle > Math.PI / 2 && angle <= Math.PI);
  if (onArc && Math.abs(Math.hypot(dx, dy) - r) <= half) return true;
  // Round cap at the left end of the arc (angle π).
  if (Math.hypot(x - (cx - r), y - cy) <= half) return true;
  // Stem from the bottom of the circle straight down.
  if (distToSegment(x, y, cx, cy + r, cx, cy + r + 0.1) <= half) return true;
  // Dot.
  return Math.hypot(x - cx, y - 0.74) <= 0.068;
}

// ---------------------------------------------------------------------------------------------
// Rendering.

type Shade = (x: number, y: number) => { r: number; g: number; b: number; a: number };

/** Renders `shade` with `samples`² samples per pixel, averaging premultiplied colour. */
function render(size: number, samples: number, shade: Shade): Rgba {
  const data = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += c.r * c.a;
          g += c.g * c.a;
          b += c.b * c.a;
          a += c.a;
        }
      }
      const o = (py * size + px) * 4;
      const n = samples * samples;
      if (a > 0) {
        data[o] = Math.round(r / a);
        data[o + 1] = Math.round(g / a);
        data[o + 2] = Math.round(b / a);
      }
      data[o + 3] = Math.round((a / n) * 255);
    }
  }
  return { width: size, height: size, data };
}

const WHITE = { r: 255, g: 255, b: 255, a: 1 };
const CLEAR = { r: 0, g: 0, b: 0, a: 0 };
const ACCENT_OPAQUE = { r: ACCENT.r, g: ACCENT.g, b: ACCENT.b, a: 1 };

/** Maps a point of the whole icon to the symbol box (centred, `scale` of the icon). */
function toSymbol(x: number, y: number, scale: number): [number, number] {
  return [(x - 0.5) / scale + 0.5, (y - 0.5) / scale + 0.5];
}

/** Full-bleed accent background; the shield fills the centre 60 % (Teams crops the corners). */
export function renderColorIcon(): Rgba {
  return render(192, 8, (x, y) => {
    const [sx, sy] = toSymbol(x, y, 0.6);
    if (inShield(sx, sy)) return inQuestionMark(sx, sy) ? ACCENT_OPAQUE : WHITE;
    return ACCENT_OPAQUE;
  });
}

/** White shield on transparent; the question mark is a transparent cut-out. */
export function renderOutlineIcon(): Rgba {
  return render(32, 8, (x, y) => {
    const [sx, sy] = toSymbol(x, y, 0.94);
    return inShield(sx, sy) && !inQuestionMark(sx, sy) ? WHITE : CLEAR;
  });
}

// ---------------------------------------------------------------------------------------------
// PNG encoding (8-bit RGBA, no interlace, filter 0 on every row).

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

export function encodePng(image: Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    raw[y * (stride + 1)] = 0;
    image.data.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The repository root: the nearest folder above `from` with package.json and a manifest/ folder. */
export function repoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'manifest')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no folder with package.json and manifest/ above ${from}`);
    dir = parent;
  }
  return dir;
}

export function writeIcons(manifestDir: string = join(repoRoot(), 'manifest')): string[] {
  mkdirSync(manifestDir, { recursive: true });
  const written: string[] = [];
  for (const [name, image] of [
    ['color.png', renderColorIcon()],
    ['outline.png', renderOutlineIcon()],
  ] as const) {
    const file = join(manifestDir, name);
    writeFileSync(file, encodePng(image));
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  for (const file of writeIcons()) console.log(`wrote ${file}`);
}
