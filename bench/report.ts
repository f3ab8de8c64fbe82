/**
 * The figures as people read them: the table (terminal and Markdown for the README), folio's time over
 * each peer's (the median of the rounds' ratios: run.ts), and the targets with pass/fail.
 */
import { PARSER_ALONE } from './cases.ts';
import { summarize } from './measure.ts';
import type { CaseResult, SkippedCase } from './run.ts';

export interface Target {
  name: string;
  value: number;
  limit: number;
  pass: boolean;
}

export interface Machine {
  cores: number;
  memory: string;
  node: string;
  chromium: string;
  cpu: string;
  /** 1, 5 and 15-minute load averages when the bench started (and ended): how busy the machine was. */
  load: string;
  load_end?: string;
}

export interface Results {
  machine: Machine;
  command: string;
  date: string;
  cases: CaseResult[];
  skipped: SkippedCase[];
  targets: Target[];
}

const BENCHMARK = 'benchmark book';

/** The folio case a peer case is compared with; undefined for folio's own cases. */
function folioCaseOf(result: CaseResult, cases: CaseResult[]): CaseResult | undefined {
  return result.tool === 'folio' ? undefined : cases.find((c) => c.tool === 'folio' && c.name === result.name);
}

/** folio's time over the peer's, for a peer case; undefined for folio's own cases. */
export function ratioToFolio(result: CaseResult, cases: CaseResult[]): number | undefined {
  const folio = folioCaseOf(result, cases);
  return folio ? timeRatio(folio, result) : undefined;
}

/** `a`'s time over `b`'s in each round, when both ran in the same rounds (run.ts). */
export function roundRatios(a: CaseResult, b: CaseResult): number[] | undefined {
  if (a.runs_s.length === 0 || a.runs_s.length !== b.runs_s.length) return undefined;
  return a.runs_s.map((seconds, round) => seconds / b.runs_s[round]!);
}

/**
 * `a`'s time over `b`'s: the median of the rounds' ratios when both ran in the same rounds, so that the
 * host's drift between rounds cancels out; else the ratio of the medians.
 */
export function timeRatio(a: CaseResult, b: CaseResult): number {
  const rounds = roundRatios(a, b);
  return rounds ? summarize(rounds).median : a.median_s / b.median_s;
}

export function targetsOf(cases: CaseResult[], scale: number): Target[] {
  const find = (name: string, tool = 'folio') => cases.find((c) => c.name === name && c.tool === tool);
  const targets: Target[] = [];
  const add = (name: string, value: number | undefined, limit: number, inclusive = false) => {
    if (value === undefined || Number.isNaN(value)) return;
    const rounded = Math.round(value * 1000) / 1000;
    targets.push({ name, value: rounded, limit, pass: inclusive ? value <= limit : value < limit });
  };
  const ratio = (name: string, peer: string) => {
    const folio = find(name);
    const other = find(name, peer);
    return folio && other ? timeRatio(folio, other) : undefined;
  };
  add('check, whole benchmark book, as a process (s)', find(`check · ${BENCHMARK}`)?.median_s, 1);
  const chapter = find(`check one changed chapter (in process) · ${BENCHMARK}`);
  add('check, one changed chapter in the preview (ms)', chapter && chapter.median_s * 1000, 100);
  add('HTML edition / pandoc -s --toc (ratio)', ratio(`html · ${BENCHMARK}`, 'pandoc'), 1);
  add('EPUB edition, warm cache / pandoc -t epub3 (ratio)', ratio(`epub · ${BENCHMARK}`, 'pandoc'), 1);
  const cold = find(`epub cold cache · ${BENCHMARK}`);
  const pandocEpub = find(`epub · ${BENCHMARK}`, 'pandoc');
  add('EPUB edition, cold cache / pandoc -t epub3 (ratio)', cold && pandocEpub && timeRatio(cold, pandocEpub), 1);
  add('PDF edition / plain Chromium print (ratio)', ratio(`pdf · ${BENCHMARK}`, 'chromium (plain print)'), 1.5, true);
  // Summed PSS, not summed RSS: Chromium's ~10 processes share most of their pages (the binary, fonts).
  add('PDF edition peak memory, summed PSS (MB)', find(`pdf · ${BENCHMARK}`)?.peak_pss_mb, 1536);
  add('PDF after editing one chapter (s)', find(`pdf one changed chapter (in process) · ${BENCHMARK}`)?.median_s, 2);
  if (scale > 1) {
    // no worse than linear: ×N the text may cost at most ×N the time and memory of ×1
    for (const scaled of cases.filter((c) => c.tool === 'folio' && c.scale === scale)) {
      const base = find(scaled.name.replace(` ×${scale}`, ''));
      if (!base) continue;
      const what = scaled.name.replace(` · ${BENCHMARK} ×${scale}`, '');
      add(`${what}: time ×${scale} / ×1`, scaled.median_s / base.median_s, scale, true);
      add(`${what}: peak memory ×${scale} / ×1`, scaled.peak_pss_mb / base.peak_pss_mb, scale, true);
    }
  }
  return targets;
}

interface Row {
  cells: string[];
}

function rows(results: Results): { header: string[]; body: Row[] } {
  const header = ['case', 'tool', 'runs', 'median s', 'min s', 'max s', 'RSS MB', 'PSS MB', 'anon MB', 'pages', 'folio ÷ peer', 'notes'];
  const body = results.cases.map((c) => {
    const ratio = ratioToFolio(c, results.cases);
    const folio = folioCaseOf(c, results.cases);
    const rounds = folio && roundRatios(folio, c);
    const notes: string[] = [];
    // The spread says how much the host's drift moved the ratio (each round's folio run over its peer's).
    if (rounds && rounds.length > 1) notes.push(`rounds ${rounds.map((r) => r.toFixed(2)).join(' ')}`);
    // The parser alone is the floor under folio's time: how it stands against pandoc's whole conversion.
    const pandoc = c.tool === PARSER_ALONE && results.cases.find((other) => other.name === c.name && other.tool === 'pandoc');
    if (pandoc) notes.push(`÷ pandoc ${timeRatio(c, pandoc).toFixed(2)}`);
    if (c.type3_fonts !== undefined) notes.push(c.type3_fonts ? 'Type 3 fonts' : 'no Type 3');
    if (c.epubcheck?.crashed) notes.push(`epubcheck crashed (${c.epubcheck.crashed.slice(0, 60)})`);
    else if (c.epubcheck) notes.push(`epubcheck: ${c.epubcheck.pass ? 'pass' : 'fail'}, ${c.epubcheck.errors} errors, ${c.epubcheck.warnings} warnings`);
    return {
      cells: [
        c.name,
        c.tool,
        String(c.runs),
        c.median_s.toFixed(3),
        c.min_s.toFixed(3),
        c.max_s.toFixed(3),
        String(c.peak_mb),
        String(c.peak_pss_mb),
        String(c.peak_anon_mb),
        c.pages === undefined ? '' : String(c.pages),
        ratio === undefined ? '' : ratio.toFixed(2),
        notes.join(', '),
      ],
    };
  });
  return { header, body };
}

/** Every column between the tool and the notes holds a number (right-aligned). */
const isNumeric = (column: number, header: string[]) => column >= 2 && column < header.length - 1;

export function formatTable(results: Results): string {
  const { header, body } = rows(results);
  const all = [header, ...body.map((r) => r.cells)];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => width(cells[i]!))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (isNumeric(i, header) ? pad(cell, widths[i]!, 'left') : pad(cell, widths[i]!, 'right'))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map((r) => line(r.cells))].join('\n');
}

export function formatTargets(results: Results): string {
  return results.targets.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value} (limit ${t.limit})`).join('\n');
}

export function formatSkipped(results: Results): string {
  return results.skipped.map((s) => `skipped: ${s.name} — ${s.tool}: ${s.reason}`).join('\n');
}

export function formatMarkdown(results: Results): string {
  const { header, body } = rows(results);
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const table = [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (isNumeric(i, header) ? '---:' : '---')).join('|')}|`,
    ...body.map((r) => `| ${r.cells.map(escape).join(' | ')} |`),
  ];
  const targets = results.targets.map((t) => `- ${t.pass ? '✅ pass' : '❌ fail'} — ${t.name}: ${t.value} (limit ${t.limit})`);
  const skipped = results.skipped.map((s) => `- ${s.name} — ${s.tool}: ${s.reason}`);
  const m = results.machine;
  return [
    `Measured ${results.date} on ${m.cores} cores (${m.cpu}), ${m.memory}, Node ${m.node}, ${m.chromium}; load average ${m.load} at the start, ${m.load_end ?? '?'} at the end.`,
    '',
    ...table,
    '',
    'Targets:',
    '',
    ...targets,
    ...(skipped.length > 0 ? ['', 'Skipped:', '', ...skipped] : []),
  ].join('\n');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let columns = 0;
  for (const character of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(character) ? 2 : 1;
  return columns;
}

function pad(text: string, size: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'left' ? fill + text : text + fill;
}
