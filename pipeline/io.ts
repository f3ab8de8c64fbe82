/**
 * What a command may touch of the outside world, handed in by the CLI (the only module that reads
 * `process`), so commands stay testable in-process.
 */
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
  return undefined;
}
