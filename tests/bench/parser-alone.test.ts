/**
 * The bench's floor case: folio's parser alone, bundled and run as a process on a real manuscript. A run
 * that parsed nothing would make a floor that is too low, so it must fail; and the table sets the
 * floor's time against pandoc's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesFor, PARSER_ALONE, type BenchCase, type Workload } from '../../bench/cases.ts';
import { measure } from '../../bench/measure.ts';
import { formatTable, type Results } from '../../bench/report.ts';
import type { CaseResult } from '../../bench/run.ts';

const MINI = resolve(import.meta.dirname, '../fixtures/books/mini');

describe('bench: the parser alone', () => {
  let work: string;
  let parserAlone: BenchCase;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'folio-bench-parser-'));
    const workload: Workload = { label: 'mini', dir: MINI, work, markdown: '', peerHtml: '', scale: 1 };
    const none = { available: false as const, reason: 'not needed' };
    parserAlone = casesFor(workload, { pandoc: none, weasyprint: none, pagedjs: none, chromium: none }).find((c) => c.tool === PARSER_ALONE)!;
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('is bundled, runs as a process and parses every chapter of the manuscript', async () => {
    expect(parserAlone.group).toBe('html');
    const invocation = parserAlone.invocation;
    if ('skip' in invocation) throw new Error(invocation.skip);
    await parserAlone.prepare!();
    const run = await measure(invocation.command, invocation.args, { timeoutMs: 60_000 });
    expect(parserAlone.failure(run)).toBeUndefined();
    const chapters = readdirSync(join(MINI, 'chapters')).filter((name) => name.endsWith('.md'));
    const characters = chapters.reduce((sum, name) => sum + readFileSync(join(MINI, 'chapters', name), 'utf8').length, 0);
    expect(JSON.parse(run.stdout)).toEqual({ chapters: chapters.length, characters });
  });

  it('fails a run that found no chapter', async () => {
    const invocation = parserAlone.invocation;
    if ('skip' in invocation) throw new Error(invocation.skip);
    await parserAlone.prepare!();
    const run = await measure(invocation.command, [invocation.args[0]!, work], { timeoutMs: 60_000 });
    expect(parserAlone.failure(run)).toMatch(/failed/);
  });

  it('is set against pandoc in the table', () => {
    const result = (tool: string, runs_s: number[]): CaseResult => ({
      name: 'html · mini', tool, group: 'html', workload: 'mini', scale: 1, runs: runs_s.length, median_s: runs_s[1]!, min_s: Math.min(...runs_s),
      max_s: Math.max(...runs_s), peak_mb: 0, peak_anon_mb: 0, peak_pss_mb: 0, runs_s,
    });
    const results: Results = {
      machine: { cores: 2, memory: '', node: '', chromium: '', cpu: '', load: '' },
      command: '', date: '', skipped: [], targets: [],
      cases: [result('folio', [2, 2, 2]), result('pandoc', [1, 1, 1]), result(PARSER_ALONE, [1.1, 1.2, 1.1])],
    };
    const row = formatTable(results).split('\n').find((line) => line.includes(PARSER_ALONE))!;
    expect(row).toContain('÷ pandoc 1.10');
  });
});
