/**
 * Writes an output file atomically: the bytes go to a temporary file beside it, then a rename puts it
 * in place. A build that fails or is killed leaves the previous edition intact and no partial file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeAtomic(path: string, data: string | Uint8Array, signal?: AbortSignal): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data);
    // A build stopped meanwhile (timeout, Ctrl-C) must not put a file in place.
    signal?.throwIfAborted();
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Replaces a whole output folder atomically: build into `<dir>.tmp-…`, then swap it in. */
export async function replaceDirectory(dir: string, build: (temporaryDir: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const temporary = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const old = `${temporary}.old`;
  await mkdir(temporary, { recursive: true });
  try {
    await build(temporary);
    signal?.throwIfAborted();
    await rename(dir, old).catch(() => undefined);
    await rename(temporary, dir);
    await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
