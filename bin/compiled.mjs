// The bundled JavaScript copy of pipeline/ in .build/ (made by scripts/compile.mjs, which
// scripts/setup.sh runs): used only while it is newer than every source file and the installed
// packages, so an edited source never runs stale. Starting from it skips tsx's on-the-fly compilation
// and the resolution of hundreds of modules.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(root, '.build', '.stamp');

/** Newest modification time of the TypeScript sources of pipeline/ and of the package lock. */
export function newestSource() {
  let newest = existsSync(join(root, 'package-lock.json')) ? statSync(join(root, 'package-lock.json')).mtimeMs : 0;
  for (const name of readdirSync(join(root, 'pipeline'), { recursive: true })) {
    if (String(name).endsWith('.ts')) newest = Math.max(newest, statSync(join(root, 'pipeline', String(name))).mtimeMs);
  }
  return newest;
}

/** The bundled entry `name` (e.g. 'cli') as a URL when the bundle is fresh, else undefined. */
export function freshCompiled(name) {
  const entry = join(root, '.build', `${name}.mjs`);
  // The entry is looked for too: a copy made by an older layout of .build/ may have a fresh stamp.
  if (!existsSync(STAMP) || !existsSync(entry) || statSync(STAMP).mtimeMs < newestSource()) return undefined;
  return pathToFileURL(entry).href;
}
