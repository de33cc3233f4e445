/** No source file of the product over 300 lines (the project's style): a longer one is split by responsibility. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const MAX_LINES = 300;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** "file: N lines" for each file over the limit. */
function overLimit(files: string[], read = (file: string) => readFileSync(file, 'utf8')): string[] {
  return files.flatMap((file) => {
    const lines = read(file).replace(/\n$/, '').split('\n').length;
    return lines > MAX_LINES ? [`${relative(ROOT, file)}: ${lines} lines`] : [];
  });
}

describe('file size', () => {
  it(`no src/ .ts file is over ${MAX_LINES} lines`, () => {
    expect(overLimit(tsFiles(join(ROOT, 'src')))).toEqual([]);
  });

  it('the check counts lines as wc -l does and names the file', () => {
    const texts: Record<string, string> = {
      [join(ROOT, 'src/at.ts')]: 'x\n'.repeat(MAX_LINES),
      [join(ROOT, 'src/over.ts')]: 'x\n'.repeat(MAX_LINES + 1),
    };
    expect(overLimit(Object.keys(texts), (file) => texts[file])).toEqual([`src/over.ts: ${MAX_LINES + 1} lines`]);
  });
});
