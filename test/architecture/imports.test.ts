/**
 * The allowed directions of imports (eslint.imports.mjs): the lint rule really fails on a cycle and
 * on an import against the flow, and passes once it is gone; and the source tree has no cycle
 * between files (type imports included, which import-x/no-cycle does not follow) or folders.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = join(__dirname, '../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Runs ESLint (its CLI, in a child process: the config is ESM) with the project's import rules over a fixture tree. */
function lintFixture(dir: string): { file: string; ruleId: string | null; message: string }[] {
  const config = [
    `import tseslint from ${JSON.stringify(pathToFileURL(require.resolve('typescript-eslint')).href)};`,
    `import { importRules } from ${JSON.stringify(pathToFileURL(join(ROOT, 'eslint.imports.mjs')).href)};`,
    `export default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, importRules(${JSON.stringify(dir)})];`,
  ].join('\n');
  writeFileSync(join(dir, 'eslint.config.mjs'), config);
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', 'src'],
      { cwd: dir, encoding: 'utf8' },
    );
  } catch (error) {
    // Exit code 1: problems found; the report is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
    if (!output) throw error;
  }
  const results = JSON.parse(output) as { filePath: string; messages: LintMessage[] }[];
  return results.flatMap((r) =>
    r.messages.map((m) => ({ file: relative(dir, r.filePath), ruleId: m.ruleId, message: m.message })),
  );
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

describe('the import rules (npm run lint)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fail on a deliberate cycle between two folders, then pass once it is gone', () => {
    write(
      dir,
      'src/answers/decide.ts',
      "import { draw } from '../cards/draw';\nexport const decide = (): string => 'x';\nexport const both = () => draw();\n",
    );
    write(
      dir,
      'src/cards/draw.ts',
      "import { decide } from '../answers/decide';\nexport const draw = (): string => decide();\n",
    );
    const found = lintFixture(dir);
    // The cycle is reported from both ends, and the import against the flow (answers → cards) by the folder rule.
    expect(
      found
        .filter((m) => m.ruleId === 'import-x/no-cycle')
        .map((m) => m.file)
        .sort(),
    ).toEqual(['src/answers/decide.ts', 'src/cards/draw.ts']);
    expect(found.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.file)).toEqual([
      'src/answers/decide.ts',
    ]);

    write(dir, 'src/answers/decide.ts', "export const decide = (): string => 'x';\n");
    expect(lintFixture(dir)).toEqual([]);
  });

  it('fail on a cycle inside one folder', () => {
    write(
      dir,
      'src/diagnosis/one.ts',
      "import { two } from './two';\nexport const one = (): number => 1;\nexport const sum = () => two() + 1;\n",
    );
    write(dir, 'src/diagnosis/two.ts', "import { one } from './one';\nexport const two = (): number => one() + 1;\n");
    expect(
      lintFixture(dir)
        .map((m) => `${m.ruleId} ${m.file}`)
        .sort(),
    ).toEqual(['import-x/no-cycle src/diagnosis/one.ts', 'import-x/no-cycle src/diagnosis/two.ts']);
  });

  it('keep the demo behind its wiring, both ways, and the composition root above every folder', () => {
    write(dir, 'src/demo/tenant.ts', "import { decide } from '../answers/decide';\nexport const tenant = decide;\n");
    write(
      dir,
      'src/demo/wiring.ts',
      "import { tenant } from './tenant';\nimport { draw } from '../cards/draw';\nexport const wiring = [tenant, draw];\n",
    );
    write(
      dir,
      'src/answers/decide.ts',
      "import { tenant } from '../demo/tenant';\nimport { app } from '../app';\nexport const decide = [tenant, app];\n",
    );
    write(dir, 'src/cards/draw.ts', 'export const draw = 1;\n');
    write(
      dir,
      'src/app.ts',
      "import { wiring } from './demo/wiring';\nimport { tenant } from './demo/tenant';\nexport const app = [wiring, tenant];\n",
    );
    const found = lintFixture(dir).filter((m) => m.ruleId === 'import-x/no-restricted-paths');
    expect(found.map((m) => m.file).sort()).toEqual([
      'src/answers/decide.ts', // → demo/tenant
      'src/answers/decide.ts', // → the composition root
      'src/app.ts', // → demo/tenant (only demo/wiring is allowed)
      'src/demo/tenant.ts', // → answers
      'src/demo/wiring.ts', // → cards
    ]);
  });
});

/** Every relative import of every file under src/ (type imports too): file → files. */
function sourceGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec))
      .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter((c) => files.includes(c)).slice(0, 1));
    graph.set(
      relative(ROOT, file),
      targets.map((t) => relative(ROOT, t)),
    );
  }
  return graph;
}

/** Strongly connected parts with more than one member (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the source tree', () => {
  const graph = sourceGraph();

  it('has no cycle between files, type imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between folders (src/*.ts, the composition root, counted as one)', () => {
    const folderOf = (file: string) => (file.split('/').length > 2 ? file.split('/')[1] : '(root)');
    const folders = new Map<string, string[]>();
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      folders.set(from, [
        ...new Set([...(folders.get(from) ?? []), ...targets.map(folderOf).filter((f) => f !== from)]),
      ]);
    }
    expect(cycles(folders)).toEqual([]);
  });

  it('the cycle finder finds cycles', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });
});
