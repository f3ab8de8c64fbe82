/**
 * One build at a time per output folder: two `folio build` runs into the same dist/ take turns
 * instead of interleaving their writes. The lock is a file holding the owner's pid; a lock whose
 * process is gone (a killed build) is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
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
      await writeFile(path, String(process.pid), { flag: 'wx' });
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
