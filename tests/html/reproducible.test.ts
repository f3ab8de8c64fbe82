/** Two builds of the same manuscript write the same HTML edition, byte for byte. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEdition, MINI } from './build-edition.ts';

async function digests(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const pairs = await Promise.all(files.map(async (file) => [relative(dir, file), createHash('sha256').update(await readFile(file)).digest('hex')] as const));
  return Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
}

describe('HTML edition builds', () => {
  it('are reproducible', async () => {
    const first = await buildEdition('reproducible-1', MINI);
    const second = await buildEdition('reproducible-2', MINI);
    const a = await digests(first.dir);
    expect(Object.keys(a).length).toBeGreaterThan(10);
    expect(await digests(second.dir)).toEqual(a);
  });
});
