/**
 * The build lock under contention: however many builds ask for one output folder at once, one holds it
 * at a time. (Created empty and then written, the lock once looked stale to a build that read it in
 * between, and two builds ran into the same folder.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../../pipeline/build-lock.ts';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('build lock', () => {
  it('is held by one build at a time, however many ask at once', async () => {
    dir = await mkdtemp(join(tmpdir(), 'folio-lock-'));
    let holding = 0;
    let most = 0;
    const build = async () => {
      const release = await acquireBuildLock(dir, () => undefined);
      most = Math.max(most, ++holding);
      await sleep(5);
      holding--;
      await release();
    };
    await Promise.all(Array.from({ length: 12 }, build));
    expect(most).toBe(1);
  });
});
