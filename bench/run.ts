/**
 * Runs the cases of one group (a folio case and the peers it is compared with) interleaved: every
 * case's warm-up (which also tells whether the case can run here at all, and gives the summed PSS:
 * reading it costs CPU, so the timed runs do not), then N rounds of one measured run of each case; then,
 * once, what each output is (pages, Type 3 fonts, epubcheck). This host's speed drifts by 15–20%
 * within minutes: run one after the other, folio's runs and a peer's met different hosts. In rounds,
 * the drift touches both, and a ratio is the median of the rounds' ratios (report.ts).
 */
import type { BenchCase } from './cases.ts';
import { epubcheck, pdfFacts, type EpubcheckResult } from './inspect.ts';
import { measure, summarize, type Measurement } from './measure.ts';

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
  /** Each measured run's time, round by round: run i of every case of the group ran in the same round. */
  runs_s: number[];
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

interface Progress {
  benchCase: BenchCase;
  warmUp?: Measurement;
  seconds: number[];
  peaks: number[];
  anonPeaks: number[];
  skipped?: SkippedCase;
}

export async function runCases(cases: BenchCase[], settings: RunSettings): Promise<Array<CaseResult | SkippedCase>> {
  const states: Progress[] = cases.map((benchCase) => ({ benchCase, seconds: [], peaks: [], anonPeaks: [] }));
  const skip = (state: Progress, reason: string) => (state.skipped = { name: state.benchCase.name, tool: state.benchCase.tool, reason });
  const once = async ({ benchCase }: Progress, pss = false) => {
    const { invocation } = benchCase;
    if ('skip' in invocation) throw new Error('a skipped case is never run');
    await benchCase.prepare?.();
    return measure(invocation.command, invocation.args, { env: invocation.env, timeoutMs: settings.timeoutMs, pss });
  };
  for (const state of states) {
    const { name, tool, invocation } = state.benchCase;
    if ('skip' in invocation) {
      skip(state, invocation.skip);
      continue;
    }
    settings.log(`bench: ${name} — ${tool}: warm-up`);
    state.warmUp = await once(state, true);
    const failure = state.benchCase.failure(state.warmUp);
    if (failure) skip(state, failure);
  }
  for (let run = 1; run <= settings.runs; run++) {
    for (const state of states.filter((s) => !s.skipped)) {
      const { benchCase } = state;
      const measured = await once(state);
      const failed = benchCase.failure(measured);
      if (failed) {
        skip(state, `run ${run}: ${failed}`);
        continue;
      }
      state.seconds.push(benchCase.seconds ? benchCase.seconds(measured) : measured.seconds);
      state.peaks.push(measured.peakBytes);
      state.anonPeaks.push(measured.peakAnonBytes);
      settings.log(`bench: ${benchCase.name} — ${benchCase.tool}: run ${run}/${settings.runs} ${state.seconds.at(-1)!.toFixed(3)} s, ${mb(measured.peakBytes)} MB`);
    }
  }
  return states.map((state) => state.skipped ?? result(state, settings));
}

function result({ benchCase, warmUp, seconds, peaks, anonPeaks }: Progress, settings: RunSettings): CaseResult {
  const { name, tool } = benchCase;
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
    peak_pss_mb: mb(warmUp!.peakPssBytes),
    runs_s: seconds.map(round),
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
