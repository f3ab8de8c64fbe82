/**
 * `npm run bench`: argv -> workloads -> cases -> runs -> table, targets and JSON. The only bench
 * module that reads `process`. Workloads are generated into a temp folder, removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { casesFor, GROUPS, type Group, type Workload } from './cases.ts';
import { generateBenchmarkBook } from './generate-book.ts';
import { findPeers, type Peers } from './peers/install.ts';
import { writePandocMarkdown } from './peers/pandoc-markdown.ts';
import { writePeerHtml } from './peers/peer-html.ts';
import { formatMarkdown, formatSkipped, formatTable, formatTargets, targetsOf, type Machine, type Results } from './report.ts';
import { isSkipped, runCases, type CaseResult, type SkippedCase } from './run.ts';

const ROOT = resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Options {
  only: Group[];
  runs: number;
  scale: number;
  json: string;
  manuscript?: string;
  timeout: number;
  workloads: string[];
}

const positive = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return number;
};

const groups = (value: string) => {
  const list = value.split(',').map((g) => g.trim());
  const unknown = list.filter((g) => !(GROUPS as readonly string[]).includes(g));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown ${unknown.join(', ')}; expected some of ${GROUPS.join(',')}`);
  return list as Group[];
};

const workloadNames = (value: string) => {
  const list = value.split(',').map((w) => w.trim());
  const unknown = list.filter((w) => w !== 'benchmark' && w !== 'manuscript');
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown ${unknown.join(', ')}; expected benchmark and/or manuscript`);
  return list;
};

const program = new Command('folio-bench')
  .description('time folio (check, html, epub, pdf) against its peers on a book the size of the real one')
  .option('--only <groups>', `comma-separated: ${GROUPS.join(',')}`, groups, [...GROUPS])
  .option('--runs <n>', 'measured runs per case, after one warm-up', positive, 5)
  .option('--scale <n>', 'the benchmark book N times longer (also measures ×1 to compare)', positive, 1)
  .option('--json <file>', 'where to write the figures', 'dist/bench/results.json')
  .option('--manuscript <dir>', 'the manuscript the books are made from (default: manuscript/, else the mini test book)')
  .option('--workloads <list>', 'comma-separated: benchmark,manuscript', workloadNames, ['benchmark', 'manuscript'])
  .option('--timeout <s>', 'seconds before a run is killed', positive, 900)
  .exitOverride();

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = program.parse(argv).opts<Options>();
  } catch (error) {
    return error instanceof CommanderError && error.exitCode === 0 ? 0 : 2;
  }
  const manuscript = resolve(options.manuscript ?? (existsSync(join(ROOT, 'manuscript', 'book.yaml')) ? join(ROOT, 'manuscript') : join(ROOT, 'tests/fixtures/books/mini')));
  if (!existsSync(join(manuscript, 'book.yaml'))) {
    log(`folio-bench: no book.yaml in ${manuscript}`);
    return 2;
  }
  const command = `npm run bench -- ${argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const machine = describeMachine();
  const started = new Date().toISOString();
  const scratch = await mkdtemp(join(tmpdir(), 'folio-bench-'));
  try {
    log(`bench: manuscript ${relative(ROOT, manuscript) || '.'}; scratch ${scratch}`);
    const peers = options.only.some((g) => g !== 'check') ? findPeers(join(ROOT, 'node_modules/.cache/folio-bench/peers'), log) : noPeers();
    const workloads = await prepareWorkloads(manuscript, scratch, options, log);
    const cases: CaseResult[] = [];
    const skipped: SkippedCase[] = [];
    for (const workload of workloads) {
      const workloadCases = casesFor(workload, peers);
      for (const group of options.only) {
        for (const result of await runCases(workloadCases.filter((c) => c.group === group), { runs: options.runs, timeoutMs: options.timeout * 1000, log })) {
          if (isSkipped(result)) {
            skipped.push(result);
            log(`bench: skipped ${result.name} — ${result.tool}: ${result.reason}`);
          } else {
            cases.push(result);
          }
        }
      }
    }
    const results: Results = { machine: { ...machine, load_end: loadAverage() }, command, date: started, cases, skipped, targets: targetsOf(cases, options.scale) };
    const jsonPath = resolve(options.json);
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(jsonPath.replace(/\.json$/, '') + '.md', `${formatMarkdown(results)}\n`);
    process.stdout.write(`\n${formatTable(results)}\n`);
    if (results.targets.length > 0) process.stdout.write(`\n${formatTargets(results)}\n`);
    if (skipped.length > 0) process.stdout.write(`\n${formatSkipped(results)}\n`);
    process.stdout.write(`\nfigures: ${relative(process.cwd(), jsonPath)} (Markdown table beside it)\n`);
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function prepareWorkloads(manuscript: string, scratch: string, options: Options, log: (line: string) => void): Promise<Workload[]> {
  const scales = options.scale > 1 ? [1, options.scale] : [1];
  const workloads: Workload[] = [];
  if (options.workloads.includes('benchmark')) {
    for (const scale of scales) {
      const label = scale === 1 ? 'benchmark book' : `benchmark book ×${scale}`;
      const base = join(scratch, `benchmark-x${scale}`);
      const book = await generateBenchmarkBook(manuscript, join(base, 'book'), { scale });
      log(`bench: ${label}: ${book.chapters} chapters, ${book.characters} characters, ${book.footnotes} footnotes`);
      workloads.push(await workload(label, book.dir, join(base, 'work'), scale, options));
    }
  }
  if (options.workloads.includes('manuscript')) {
    workloads.push(await workload('manuscript', manuscript, join(scratch, 'manuscript-work'), 1, options));
  }
  return workloads;
}

async function workload(label: string, dir: string, work: string, scale: number, options: Options): Promise<Workload> {
  await mkdir(work, { recursive: true });
  const needsPeerFiles = options.only.some((g) => g !== 'check');
  return {
    label,
    dir,
    work,
    scale,
    markdown: needsPeerFiles ? await writePandocMarkdown(dir, work) : '',
    peerHtml: options.only.includes('pdf') ? await writePeerHtml(dir, work) : '',
  };
}

function noPeers(): Peers {
  const none = { available: false as const, reason: 'not needed' };
  return { pandoc: none, weasyprint: none, pagedjs: none, chromium: none };
}

function describeMachine(): Machine {
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'no Chromium';
  return {
    cores: cpus().length,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
    node: process.version,
    chromium,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    load: loadAverage(),
  };
}

const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

try {
  process.exitCode = await main(process.argv);
} catch (error) {
  log(`folio-bench: ${(error as Error).message}`);
  process.exitCode = 1;
}
