/**
 * The demo tenant is one wiring: outside src/demo/, product code reaches it only through
 * src/demo/wiring.ts, and only from src/app.ts, which chooses the wiring once (npm run doctor uses its
 * connectGraph), src/loadSettings.ts, which loads the demo's settings in demo mode, and
 * src/tools/activities.ts, whose Teams-shaped activities come from the demo tenant unless told otherwise.
 * (Tests and the benchmark exercise the demo tenant directly; they are not the product.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../..');
const DEMO = join(ROOT, 'src/demo');
const ALLOWED: Record<string, string[]> = {
  'src/app.ts': ['src/demo/wiring'],
  'src/loadSettings.ts': ['src/demo/wiring'],
  'src/tools/activities.ts': ['src/demo/wiring'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports, import(), require(). */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Imports of src/demo/ from files outside it: "file → module" (module relative to the root, no extension). */
function demoImports(files: string[], read = (file: string) => readFileSync(file, 'utf8')): string[] {
  return files
    .filter((f) => !f.startsWith(DEMO + '/'))
    .flatMap((file) =>
      importsOf(read(file))
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, resolve(dirname(file), spec)).replace(/\.(ts|js)$/, ''))
        .filter((target) => target === 'src/demo' || target.startsWith('src/demo/'))
        .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
}

describe('the demo tenant is one wiring', () => {
  const product = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'scripts'))];

  it('is imported outside src/demo/ only by the files allowed, and only as src/demo/wiring', () => {
    const allowed = Object.entries(ALLOWED).flatMap(([file, targets]) => targets.map((t) => `${file} → ${t}`));
    expect(demoImports(product).filter((line) => !allowed.includes(line))).toEqual([]);
    // The wiring really is chosen there (the allowance is not stale).
    expect(demoImports(product)).toEqual(allowed);
  });

  it('the check finds imports of every form', () => {
    // The same check over a (virtual) file breaking the rule in each way it can be broken.
    const probe = join(ROOT, 'src/bot/probe.ts');
    const text = [
      "import { DemoTenant } from '../demo/tenant';",
      "export { DEMO_PEOPLE } from '../demo/people';",
      "import type { Wiring } from '../demo/wiring';",
      "const later = () => import('../demo/graphTransport');",
      "const old = require('../demo/playground.js');",
      "import { createApp } from '../app';",
    ].join('\n');
    expect(demoImports([probe], () => text)).toEqual([
      'src/bot/probe.ts → src/demo/tenant',
      'src/bot/probe.ts → src/demo/people',
      'src/bot/probe.ts → src/demo/wiring',
      'src/bot/probe.ts → src/demo/graphTransport',
      'src/bot/probe.ts → src/demo/playground',
    ]);
  });
});
