/**
 * Import this before anything that loads @microsoft/app-manifest.
 *
 * @microsoft/app-manifest requires strip-bom 5, which is ESM only. Node 20.19+ loads it through
 * require(esm), so `npm run package` works, but jest's module loader cannot. Replace it, for the
 * tests only, with the same one-line function (drop a leading byte-order mark).
 */
import { dirname } from 'node:path';

const stripBom = require.resolve('strip-bom', { paths: [dirname(require.resolve('@microsoft/app-manifest'))] });
jest.doMock(stripBom, () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));
