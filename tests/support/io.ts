/** An `Io` that records what a command prints, for running commands in-process in tests. */
import type { Io } from '../../pipeline/io.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;

export function capture(cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { cwd, env: {}, out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}
