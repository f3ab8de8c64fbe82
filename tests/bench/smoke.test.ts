/**
 * The benchmark harness itself (not the timings): `npm run bench -- --runs 1 --only check` on the small
 * manuscript writes figures of the right shape, from a check that really ran.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MINI = join(ROOT, 'tests/fixtures/books/mini');

interface BenchCase {
  name: string;
  tool: string;
  runs: number;
  median_s: number;
  min_s: number;
  max_s: number;
  peak_mb: number;
}

describe('npm run bench (smoke)', () => {
  let dir: string;
  let results: {
    machine: Record<string, unknown>;
    cases: BenchCase[];
    skipped: Array<{ name: string; tool: string; reason: string }>;
    targets: Array<{ name: string; value: number; limit: number; pass: boolean }>;
  };
  let stdout: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'folio-bench-smoke-'));
    const json = join(dir, 'results.json');
    const run = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/folio-bench.mjs'), '--runs', '1', '--only', 'check', '--workloads', 'manuscript', '--manuscript', MINI, '--json', json],
      { cwd: ROOT },
    );
    stdout = run.stdout;
    results = JSON.parse(await readFile(json, 'utf8'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('describes the machine it ran on', () => {
    expect(results.machine).toMatchObject({ cores: expect.any(Number), memory: expect.any(String), node: process.version, chromium: expect.any(String) });
  });

  it('ran folio check on the manuscript as a process, once, and measured its time and memory', () => {
    const check = results.cases.find((c) => c.name === 'check · manuscript' && c.tool === 'folio');
    expect(check).toBeDefined();
    expect(check!.runs).toBe(1);
    expect(check!.median_s).toBeGreaterThan(0);
    expect(check!.min_s).toBeLessThanOrEqual(check!.median_s);
    expect(check!.max_s).toBeGreaterThanOrEqual(check!.median_s);
    // a Node process running tsx holds tens of MB at least: 0 would mean the tree was never sampled
    expect(check!.peak_mb).toBeGreaterThan(20);
  });

  it('ran only the check group', () => {
    const tools = new Set([...results.cases, ...results.skipped].map((c) => c.name.split(' · ')[0]));
    for (const name of tools) expect(name).toMatch(/^check/);
    for (const target of results.targets) expect(target).toMatchObject({ name: expect.any(String), value: expect.any(Number), limit: expect.any(Number), pass: expect.any(Boolean) });
  });

  it('prints the table with the measured figure', () => {
    const check = results.cases.find((c) => c.name === 'check · manuscript')!;
    expect(stdout).toContain('check · manuscript');
    expect(stdout).toContain(check.median_s.toFixed(3));
  });
});
