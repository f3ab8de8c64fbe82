/**
 * Where folio's own files are: the project root (found from this module, whether it runs from the
 * TypeScript sources or from the compiled copy in .build/), its templates and its caches.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFolder, unwritableReason } from './io.ts';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('folio cannot find its own project folder (package.json and templates/)');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const TEMPLATES = join(PROJECT_ROOT, 'templates');
/**
 * Caches that survive between builds (font cuts, covers): inside node_modules, so a clean install
 * clears them, or where FOLIO_CACHE_DIR says (a CI job that keeps a folder between runs; the bench's
 * build on an empty cache).
 */
export const CACHE = process.env.FOLIO_CACHE_DIR ? resolve(process.env.FOLIO_CACHE_DIR) : join(PROJECT_ROOT, 'node_modules', '.cache', 'folio');
export const DOCS = join(PROJECT_ROOT, 'docs');

/** Makes a folder of the cache, or says in one line why it cannot be (FOLIO_CACHE_DIR may name any path). */
export async function makeCacheFolder(folder: string): Promise<void> {
  await makeFolder(folder).catch((error: unknown) => {
    const why = unwritableReason(error);
    if (!why) throw error;
    throw new Error(`cannot keep the cache in ${folder}${process.env.FOLIO_CACHE_DIR ? ' (FOLIO_CACHE_DIR)' : ''}: ${why}`);
  });
}
