/**
 * The bench runs a group's cases in rounds (every warm-up, then one run of each case per round), and a
 * ratio is the median of the rounds' ratios: the host's drift between rounds must not decide it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchCase, Workload } from '../../bench/cases.ts';
import { timeRatio, roundRatios } from '../../bench/report.ts';
import { isSkipped, runCases, type CaseResult } from '../../bench/run.ts';

describe('bench rounds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'folio-bench-rounds-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A case whose every run appends its tool's name to `order.log` (and fails on run `failOn`, if given). */
  const appending = (tool: string, failOn?: number): BenchCase => {
    const log = join(dir, 'order.log');
    const script = `const fs = require('fs'); fs.appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(tool)} + '\\n');
      const runs = fs.readFileSync(${JSON.stringify(log)}, 'utf8').split('\\n').filter((l) => l === ${JSON.stringify(tool)}).length;
      process.exit(runs === ${failOn ?? -1} ? 1 : 0);`;
    const workload: Workload = { label: 'test', dir, work: dir, markdown: '', peerHtml: '', scale: 1 };
    return {
      name: 'case · test',
      group: 'html',
      tool,
      workload,
      invocation: { command: process.execPath, args: ['-e', script] },
      failure: (run) => (run.exitCode === 0 ? undefined : `exit ${run.exitCode}`),
    };
  };

  it('warms every case up, then runs one of each per round, and keeps each run’s time in order', async () => {
    const results = await runCases([appending('folio'), appending('peer')], { runs: 3, timeoutMs: 30_000, log: () => {} });
    const order = readFileSync(join(dir, 'order.log'), 'utf8').trim().split('\n');
    expect(order).toEqual(['folio', 'peer', 'folio', 'peer', 'folio', 'peer', 'folio', 'peer']);
    for (const result of results) {
      expect(isSkipped(result)).toBe(false);
      const measured = result as CaseResult;
      expect(measured.runs).toBe(3);
      expect(measured.runs_s).toHaveLength(3);
      expect(measured.runs_s.every((seconds) => seconds > 0)).toBe(true);
    }
  });

  it('drops a case that fails in a round and goes on with the others', async () => {
    await rm(join(dir, 'order.log'), { force: true });
    // the peer's third run overall (warm-up, round 1, round 2) fails
    const [folio, peer] = await runCases([appending('folio'), appending('peer', 3)], { runs: 3, timeoutMs: 30_000, log: () => {} });
    expect(isSkipped(folio!)).toBe(false);
    expect((folio as CaseResult).runs).toBe(3);
    expect(peer).toMatchObject({ tool: 'peer', reason: 'run 2: exit 1' });
    expect(existsSync(join(dir, 'order.log'))).toBe(true);
  });

  it('takes a ratio as the median of the rounds’ ratios, so a round on a slower host does not decide it', () => {
    const result = (runs_s: number[]): CaseResult => ({
      name: 'pdf · test', tool: 'x', group: 'pdf', workload: 'test', scale: 1, runs: runs_s.length,
      median_s: [...runs_s].sort((a, b) => a - b)[Math.floor(runs_s.length / 2)]!, min_s: Math.min(...runs_s), max_s: Math.max(...runs_s),
      peak_mb: 0, peak_anon_mb: 0, peak_pss_mb: 0, runs_s,
    });
    // every round but one: folio twice its peer's time; in round 2 the host sped up for folio only
    expect(timeRatio(result([10, 11, 20]), result([5, 10, 10]))).toBe(2);
    // the ratio of the medians would have said 1.1; it is the fallback without rounds in common
    expect(timeRatio(result([10, 20, 30]), result([4, 8]))).toBe(20 / 8);
    expect(roundRatios(result([10, 11, 20]), result([5, 10, 10]))).toEqual([2, 1.1, 2]);
    expect(roundRatios(result([10, 20, 30]), result([4, 8]))).toBeUndefined();
  });
});
