/**
 * What a command may touch of the outside world, handed in by the CLI (the only module that reads
 * `process`), so commands stay testable in-process.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are redrawn in place only then). */
  isTTY: boolean;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** An error the user caused (bad path, bad flag value): printed as one line, exit 2, no stack. */
export class UsageError extends Error {}

/** Why a folder could not be written, when the user can fix it (a file in the way, no permission); else undefined. */
export function unwritableReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a file is in the way';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'not writable';
  if (code === 'ENOENT') return 'no folder can be made there (a broken link or a system folder such as /proc on the way)';
  return undefined;
}

/**
 * `mkdir -p` for a folder the user names (--out, --into, FOLIO_CACHE_DIR). Node's recursive mkdir
 * never returns when a parent exists but cannot hold a child and answers ENOENT, as a dangling
 * symlink or a folder under /proc does: it spun at 100% CPU for good (`folio build --out /proc/x`).
 * Here each missing folder is made in turn, from the first that exists, so such a path fails at once.
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    const found = await stat(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      return undefined;
    });
    if (found) {
      if (missing.length === 0 && !found.isDirectory()) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${path}'`), { code: 'EEXIST' });
      break;
    }
    missing.push(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      // Made meanwhile by another process, or a dangling link (then its child fails with ENOENT).
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
