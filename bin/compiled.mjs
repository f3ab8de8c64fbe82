// The compiled JavaScript copy of pipeline/ in .build/ (made by `tsc -p tsconfig.build.json`, which
// scripts/setup.sh runs): used only while it is newer than every source file, so an edited source
// never runs stale. Starting from it skips tsx's on-the-fly compilation (about half a second).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(root, '.build', '.stamp');

/** Newest modification time of the TypeScript sources of pipeline/. */
export function newestSource() {
  let newest = 0;
  for (const name of readdirSync(join(root, 'pipeline'), { recursive: true })) {
    if (String(name).endsWith('.ts')) newest = Math.max(newest, statSync(join(root, 'pipeline', String(name))).mtimeMs);
  }
  return newest;
}

/** The compiled module for `source` (e.g. 'pipeline/cli.ts') when the copy is fresh, else undefined. */
export function freshCompiled(source) {
  if (!existsSync(STAMP) || statSync(STAMP).mtimeMs < newestSource()) return undefined;
  return pathToFileURL(join(root, '.build', source.replace(/\.ts$/, '.js'))).href;
}
