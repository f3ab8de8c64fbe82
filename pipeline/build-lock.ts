/**
 * One build at a time per output folder: two `folio build` runs into the same dist/ take turns
 * instead of interleaving their writes. The lock is a file holding the owner's pid; a lock whose
 * process is gone (a killed build) is taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export async function acquireBuildLock(outDir: string, onWait: (pid: number) => void): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, '.folio-build.lock');
  let told = false;
  for (;;) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
