/**
 * Two builds into the same dist/ at the same time take turns (a lock per output folder), and every file
 * written is whole: both finish, and the editions equal those of a build run alone.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINI } from './cases.ts';

const FOLIO = join(import.meta.dirname, '../../bin/folio.mjs');
const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

function build(out: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FOLIO, 'build', '--manuscript', MINI, '--out', out, '--edition', 'html', '--edition', 'epub']);
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** sha256 of every file under `dir`, by relative path. */
async function digests(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const entries = await Promise.all(
    names.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      return [path.slice(dir.length + 1), createHash('sha256').update(await readFile(path)).digest('hex')] as const;
    }),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

describe('two builds into one folder at once', () => {
  it('both succeed and leave exactly what one build leaves', async () => {
    const alone = await mkdtemp(join(tmpdir(), 'folio-alone-'));
    const shared = await mkdtemp(join(tmpdir(), 'folio-shared-'));
    made.push(alone, shared);
    expect((await build(alone)).code).toBe(0);
    const [first, second] = await Promise.all([build(shared), build(shared)]);
    expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0]);
    expect(await digests(shared)).toEqual(await digests(alone));
  });
});
