/**
 * Runs one command as a whole process and measures it: wall time, and the peak memory of its whole
 * process tree (Chromium's renderer and GPU processes included). `/usr/bin/time -v` reports the
 * largest single process, not the tree, so the tree is sampled from /proc every ~20 ms instead: the
 * descendants from /proc/<pid>/task/<tid>/children, each one's VmRSS from /proc/<pid>/status, summed.
 * Summed RSS counts pages shared between processes (Chromium's binary and libraries) once per process:
 * an upper bound. The summed RssAnon (private heap and stacks) is kept beside it as the lower figure.
 * The fair figure is the summed PSS (each shared page divided among the processes that map it), but
 * /proc/<pid>/smaps_rollup costs ~5 ms a process to read, too slow for every sample: it is read when the
 * summed RSS reaches a new peak, at most every 200 ms, which gives the PSS at the tree's largest moments.
 * Only when asked (`pss: true`): on 2 cores, reading it for ~20 Chromium processes slowed a PDF build
 * that keeps both cores busy by ~10% (plain Chromium, which leaves a core idle, not at all).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface Measurement {
  seconds: number;
  peakBytes: number;
  /** Peak of the summed anonymous (unshared file-backed pages excluded) memory. */
  peakAnonBytes: number;
  /** Peak of the summed proportional set size, read at the RSS peaks (see above). */
  peakPssBytes: number;
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Sampling interval in ms. */
  interval?: number;
  /** The whole process group is killed after this many ms. */
  timeoutMs?: number;
  /** Also read the summed PSS at the RSS peaks (costs CPU the measured command may need). */
  pss?: boolean;
}

export function measure(command: string, args: string[], options: RunOptions = {}): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // its own process group, so a timeout can end Chromium and every other descendant with it
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs ?? 600_000);
    let peakBytes = 0;
    let peakAnonBytes = 0;
    let peakPssBytes = 0;
    let pssReadAt = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      const memory = treeMemory(child.pid);
      if (options.pss && memory.rss > peakBytes && Date.now() - pssReadAt >= 200) {
        pssReadAt = Date.now();
        peakPssBytes = Math.max(peakPssBytes, treePss(child.pid));
      }
      peakBytes = Math.max(peakBytes, memory.rss);
      peakAnonBytes = Math.max(peakAnonBytes, memory.anon);
    };
    const timer = setInterval(sample, options.interval ?? 20);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearInterval(timer);
      clearTimeout(deadline);
      reject(error);
    });
    // 'close' (not 'exit') so the output is complete; the clock stops when the process exits.
    let seconds = 0;
    child.on('exit', () => {
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(timer);
    });
    child.on('close', (exitCode) => {
      clearInterval(timer);
      clearTimeout(deadline);
      resolve({
        timedOut,
        seconds: seconds || Number(process.hrtime.bigint() - started) / 1e9,
        peakBytes,
        peakAnonBytes,
        peakPssBytes,
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** The summed resident and anonymous memory of `pid` and all its descendants, in bytes (0 once it has exited). */
export function treeMemory(pid: number): { rss: number; anon: number } {
  const total = { rss: 0, anon: 0 };
  for (const process of treeOf(pid)) {
    const memory = memoryOf(process);
    total.rss += memory.rss;
    total.anon += memory.anon;
  }
  return total;
}

/** `pid` and all its descendants. */
function treeOf(pid: number): Set<number> {
  const seen = new Set<number>();
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    queue.push(...childrenOf(current));
  }
  return seen;
}

/** The summed PSS of `pid` and all its descendants, in bytes. */
export function treePss(pid: number): number {
  let total = 0;
  for (const process of treeOf(pid)) {
    try {
      total += Number(/^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${process}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // exited between listing and reading
    }
  }
  return total;
}

function memoryOf(pid: number): { rss: number; anon: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon') };
  } catch {
    return { rss: 0, anon: 0 }; // exited between listing and reading
  }
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        if (list) children.push(...list.split(/\s+/).map(Number));
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // the process ended meanwhile
  }
  return children;
}

export interface Summary {
  runs: number;
  min: number;
  median: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { runs: sorted.length, min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}
