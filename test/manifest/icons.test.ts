/**
 * The icons Teams shows for the app: sizes and the outline's white-or-transparent pixels are not
 * in the JSON schema, but Teams rejects packages that break them. Decoded with pngjs, independently
 * of the encoder in scripts/make-icons.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ACCENT, encodePng, renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';
import { checkIcons, inspectPng } from '../../scripts/package';

const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');
const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));

function pixels(png: Buffer) {
  const image = PNG.sync.read(png);
  const list: Array<{ r: number; g: number; b: number; a: number }> = [];
  for (let i = 0; i < image.data.length; i += 4)
    list.push({ r: image.data[i], g: image.data[i + 1], b: image.data[i + 2], a: image.data[i + 3] });
  return { width: image.width, height: image.height, list };
}

describe('manifest icons', () => {
  it('color.png is 192×192 and fully opaque, mostly the accent colour with a white symbol', () => {
    const { width, height, list } = pixels(color);
    expect([width, height]).toEqual([192, 192]);
    expect(list.every((p) => p.a === 255)).toBe(true);
    const accent = list.filter((p) => p.r === ACCENT.r && p.g === ACCENT.g && p.b === ACCENT.b).length;
    const white = list.filter((p) => p.r === 255 && p.g === 255 && p.b === 255).length;
    expect(accent / list.length).toBeGreaterThan(0.5);
    expect(white / list.length).toBeGreaterThan(0.1);
  });

  it('outline.png is 32×32 with only white or fully transparent pixels, and draws something', () => {
    const { width, height, list } = pixels(outline);
    expect([width, height]).toEqual([32, 32]);
    const offending = list.filter((p) => p.a !== 0 && (p.r !== 255 || p.g !== 255 || p.b !== 255));
    expect(offending).toEqual([]);
    const opaque = list.filter((p) => p.a === 255).length;
    const clear = list.filter((p) => p.a === 0).length;
    expect(opaque).toBeGreaterThan(200);
    expect(clear).toBeGreaterThan(200);
  });

  it('the committed icons are what scripts/make-icons.ts draws', () => {
    expect(PNG.sync.read(color).data.equals(renderColorIcon().data)).toBe(true);
    expect(PNG.sync.read(outline).data.equals(renderOutlineIcon().data)).toBe(true);
  });

  it('checkIcons accepts the committed icons', () => {
    expect(checkIcons(color, outline)).toEqual([]);
  });
});

describe('checkIcons rejects icons Teams would reject', () => {
  const solid = (size: number, rgba: [number, number, number, number]) => {
    const data = Buffer.alloc(size * size * 4);
    for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
    return encodePng({ width: size, height: size, data });
  };

  it('wrong sizes', () => {
    expect(checkIcons(solid(96, [14, 124, 134, 255]), solid(48, [255, 255, 255, 255]))).toEqual([
      'color icon must be 192×192 pixels (is 96×96)',
      'outline icon must be 32×32 pixels (is 48×48)',
    ]);
  });

  it('an outline with coloured or grey pixels, even half transparent ones', () => {
    const image = { width: 32, height: 32, data: Buffer.alloc(32 * 32 * 4) };
    image.data.set([255, 255, 255, 255], 0); // white: fine
    image.data.set([14, 124, 134, 255], 4); // accent colour: not allowed
    image.data.set([200, 200, 200, 128], 8); // grey anti-aliasing: not allowed
    image.data.set([10, 20, 30, 0], 12); // invisible: fine
    expect(inspectPng(encodePng(image)).nonWhitePixels).toBe(2);
    expect(checkIcons(color, encodePng(image))).toEqual([
      'outline icon must be white on transparent; 2 pixel(s) have another colour',
    ]);
  });

  it('a file that is not a PNG', () => {
    const problems = checkIcons(Buffer.from('GIF89a'), outline);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^color icon is not a readable PNG file/);
  });
});
