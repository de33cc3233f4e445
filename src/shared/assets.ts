/** Data files that ship beside the code (the error catalog, the parser's dictionary) are read from the package root, from src/ and dist/ alike. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  // dist/ holds a copy of package.json too; the root is where the data files (src/) are.
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'diagnosis', 'catalog')))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  root = dir;
  return dir;
}

export function readTextAsset(relativePath: string): string {
  return readFileSync(join(projectRoot(), relativePath), 'utf8');
}

export function readJsonAsset<T>(relativePath: string): T {
  return JSON.parse(readTextAsset(relativePath)) as T;
}

export function listAssets(relativeDir: string, suffix: string): string[] {
  const dir = join(projectRoot(), relativeDir);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(suffix))
        .sort()
        .map((f) => join(relativeDir, f))
    : [];
}
