/**
 * One build at a time per output folder: two `folio build` runs into the same dist/ take turns
 * instead of interleaving their writes. The lock is a file holding the owner's pid; a lock whose
 * process is gone (a killed build) is taken over.
 */
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeFolder, unwritableReason, UsageError } from './io.ts';

export async function acquireBuildLock(outDir: string, onWait: (pid: number) => void): Promise<() => Promise<void>> {
  await makeFolder(outDir).catch((error: unknown) => {
    throw unusableFolder(outDir, error);
  });
  const path = join(outDir, '.folio-build.lock');
  let told = false;
  for (;;) {
    try {
      await createWhole(path, String(process.pid));
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unusableFolder(outDir, error);
    }
    const owner = Number(await readFile(path, 'utf8').catch(() => ''));
    if (!owner || !isAlive(owner)) {
      await rm(path, { force: true });
      continue;
    }
    if (!told) onWait(owner);
    told = true;
    await sleep(200);
  }
}

let attempts = 0;

/**
 * Creates `path` holding `text`, failing with EEXIST if it exists, in one step: the text is written
 * beside it and hard-linked into place. Created empty and then written (`wx`), the lock was briefly
 * empty, and a build starting at that moment read no owner, took it for stale and ran alongside.
 */
async function createWhole(path: string, text: string): Promise<void> {
  const beside = `${path}.${process.pid}.${++attempts}`;
  await writeFile(beside, text);
  try {
    await link(beside, path);
  } catch (error) {
    // A file system without hard links (FAT on a USB stick): create and write, as before.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await writeFile(path, text, { flag: 'wx' });
  } finally {
    await rm(beside, { force: true });
  }
}

/** A folder the build cannot write to is the user's to fix (--out): said plainly, not as an internal error. */
function unusableFolder(outDir: string, error: unknown): Error {
  const why = unwritableReason(error);
  return why ? new UsageError(`cannot write the editions to ${outDir}: ${why} (--out names a folder)`) : (error as Error);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
