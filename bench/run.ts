/**
 * Runs one case: a warm-up run (which also tells whether the case can run here at all, and gives the
 * summed PSS: reading it costs CPU, so the timed runs do not), then N measured runs; then, once, what
 * its output is (pages, Type 3 fonts, epubcheck).
 */
import type { BenchCase } from './cases.ts';
import { epubcheck, pdfFacts, type EpubcheckResult } from './inspect.ts';
import { measure, summarize } from './measure.ts';

export interface CaseResult {
  name: string;
  tool: string;
  group: string;
  workload: string;
  scale: number;
  runs: number;
  median_s: number;
  min_s: number;
  max_s: number;
  /** Peak of the summed VmRSS of the process tree (shared pages counted once per process). */
  peak_mb: number;
  /** Peak of the summed RssAnon of the tree (the private part): the lower figure. */
  peak_anon_mb: number;
  /** Peak of the summed PSS of the tree (shared pages divided among their processes), in the warm-up run: the fair figure. */
  peak_pss_mb: number;
  pages?: number;
  type3_fonts?: boolean;
  epubcheck?: EpubcheckResult;
}

export interface SkippedCase {
  name: string;
  tool: string;
  reason: string;
}

export interface RunSettings {
  runs: number;
  timeoutMs: number;
  log: (line: string) => void;
}

export async function runCase(benchCase: BenchCase, settings: RunSettings): Promise<CaseResult | SkippedCase> {
  const { name, tool, invocation } = benchCase;
  if ('skip' in invocation) return { name, tool, reason: invocation.skip };
  const once = async (pss = false) => {
    await benchCase.prepare?.();
    return measure(invocation.command, invocation.args, { env: invocation.env, timeoutMs: settings.timeoutMs, pss });
  };
  settings.log(`bench: ${name} — ${tool}: warm-up`);
  const warmUp = await once(true);
  const failure = benchCase.failure(warmUp);
  if (failure) return { name, tool, reason: failure };
  const seconds: number[] = [];
  const peaks: number[] = [];
  const anonPeaks: number[] = [];
  for (let run = 1; run <= settings.runs; run++) {
    const measured = await once();
    const failed = benchCase.failure(measured);
    if (failed) return { name, tool, reason: `run ${run}: ${failed}` };
    seconds.push(benchCase.seconds ? benchCase.seconds(measured) : measured.seconds);
    peaks.push(measured.peakBytes);
    anonPeaks.push(measured.peakAnonBytes);
    settings.log(`bench: ${name} — ${tool}: run ${run}/${settings.runs} ${seconds.at(-1)!.toFixed(3)} s, ${mb(measured.peakBytes)} MB`);
  }
  const time = summarize(seconds);
  const result: CaseResult = {
    name,
    tool,
    group: benchCase.group,
    workload: benchCase.workload.label,
    scale: benchCase.workload.scale,
    runs: time.runs,
    median_s: round(time.median),
    min_s: round(time.min),
    max_s: round(time.max),
    peak_mb: mb(Math.max(...peaks)),
    peak_anon_mb: mb(Math.max(...anonPeaks)),
    peak_pss_mb: mb(warmUp.peakPssBytes),
  };
  const output = benchCase.output?.();
  if (output && benchCase.kind === 'pdf') {
    const facts = pdfFacts(output);
    result.pages = facts.pages;
    result.type3_fonts = facts.type3;
  }
  if (output && benchCase.kind === 'epub') {
    settings.log(`bench: ${name} — ${tool}: epubcheck`);
    result.epubcheck = epubcheck(output);
  }
  return result;
}

export function isSkipped(result: CaseResult | SkippedCase): result is SkippedCase {
  return 'reason' in result;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
