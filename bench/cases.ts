/**
 * What is measured: each case is one whole process (folio or a peer) on one workload, with the check
 * that tells a successful run from a failed one. Cases of the same `group` and workload are compared
 * with each other, and run in rounds (run.ts): each peer is listed right after the folio case it is
 * compared with, so that the two runs of a round are next to each other in time.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Measurement } from './measure.ts';
import type { Peer, Peers } from './peers/install.ts';

export const GROUPS = ['check', 'html', 'epub', 'pdf'] as const;
export type Group = (typeof GROUPS)[number];

export interface Workload {
  /** 'benchmark book', 'benchmark book ×10', 'manuscript'. */
  label: string;
  /** The manuscript folder. */
  dir: string;
  /** Scratch folder for this workload's outputs. */
  work: string;
  /** The same text as one Markdown file (pandoc) and as one HTML document (the PDF peers). */
  markdown: string;
  peerHtml: string;
  scale: number;
}

export interface Invocation {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

export interface BenchCase {
  name: string;
  group: Group;
  tool: string;
  workload: Workload;
  /** What to run, or why it cannot run here. */
  invocation: Invocation | { skip: string };
  /** Before every run (e.g. a fresh output folder). */
  prepare?: () => Promise<void>;
  /** Undefined when the run succeeded, else why not (the case is then skipped). */
  failure: (run: Measurement) => string | undefined;
  /** The time to report, in seconds: the wall time, or what an in-process probe printed. */
  seconds?: (run: Measurement) => number;
  /** The file written, for page counts, fonts and epubcheck. */
  output?: () => string | undefined;
  kind?: 'pdf' | 'epub';
}

const ROOT = resolve(import.meta.dirname, '..');
const FOLIO = join(ROOT, 'bin', 'folio.mjs');
const node = (args: string[]): Invocation => ({ command: process.execPath, args });

export function casesFor(workload: Workload, peers: Peers): BenchCase[] {
  const { label, dir, work } = workload;
  const out = (name: string) => join(work, name);
  const fresh = (name: string) => () => rm(out(name), { recursive: true, force: true });
  const folioBuild = (edition: Group, kind?: 'pdf' | 'epub'): BenchCase => ({
    name: `${edition} · ${label}`,
    group: edition,
    tool: 'folio',
    workload,
    invocation: node([FOLIO, 'build', '--edition', edition, '--manuscript', dir, '--out', out(`folio-${edition}`)]),
    failure: buildFailure(edition),
    output: () => (kind ? findFile(out(`folio-${edition}`), `.${kind}`) : undefined),
    kind,
  });
  const peer = (group: Group, tool: string, found: Peer, args: (command: string) => Invocation, file: string, kind?: 'pdf' | 'epub'): BenchCase => ({
    name: `${group} · ${label}`,
    group,
    tool,
    workload,
    invocation: found.available ? args(found.command) : { skip: found.reason },
    prepare: fresh(file),
    failure: (run) => (run.exitCode === 0 && existsSync(out(file)) ? undefined : failureLine(run)),
    output: () => out(file),
    kind,
  });
  const chromiumProfile = join(work, 'chromium-profile');

  return [
    {
      name: `check · ${label}`,
      group: 'check',
      tool: 'folio',
      workload,
      invocation: node([FOLIO, 'check', dir, '--format', 'json']),
      // exit 1 only means the manuscript has errors: the check itself ran
      failure: (run) => ((run.exitCode === 0 || run.exitCode === 1) && isJson(run.stdout) ? undefined : failureLine(run)),
    },
    probe('check', 'check one changed chapter (in process)', workload, 'check-chapter.ts'),
    folioBuild('html'),
    peer('html', 'pandoc', peers.pandoc, (pandoc) => ({ command: pandoc, args: ['-s', '--toc', workload.markdown, '-o', out('pandoc.html')] }), 'pandoc.html'),
    parserAlone(workload),
    folioBuild('epub', 'epub'),
    peer('epub', 'pandoc', peers.pandoc, (pandoc) => ({ command: pandoc, args: ['--toc', '-t', 'epub3', workload.markdown, '-o', out('pandoc.epub')] }), 'pandoc.epub', 'epub'),
    {
      // `folio build` as it runs on a machine that never built this book: font cuts and cover from scratch.
      ...folioBuild('epub', 'epub'),
      name: `epub cold cache · ${label}`,
      invocation: { ...node([FOLIO, 'build', '--edition', 'epub', '--manuscript', dir, '--out', out('folio-epub-cold')]), env: { ...process.env, FOLIO_CACHE_DIR: out('empty-cache') } },
      output: () => findFile(out('folio-epub-cold'), '.epub'),
      prepare: fresh('empty-cache'),
    },
    folioBuild('pdf', 'pdf'),
    peer('pdf', 'chromium (plain print)', peers.chromium, (chromium) => ({
      command: chromium,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', '--no-first-run',
        `--user-data-dir=${chromiumProfile}`, `--print-to-pdf=${out('chromium.pdf')}`, pathToFileURL(workload.peerHtml).href,
      ],
    }), 'chromium.pdf', 'pdf'),
    peer('pdf', 'pagedjs-cli', peers.pagedjs, (cli) => ({
      command: cli,
      args: [workload.peerHtml, '-o', out('pagedjs.pdf'), '--browserArgs=--no-sandbox,--disable-gpu', '--timeout', '600000'],
      // pagedjs-cli's puppeteer 20 runs Debian's Chromium instead of a downloaded one
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: peers.chromium.available ? peers.chromium.command : '' },
    }), 'pagedjs.pdf', 'pdf'),
    peer('pdf', 'weasyprint', peers.weasyprint, (weasyprint) => ({ command: weasyprint, args: ['-q', workload.peerHtml, out('weasyprint.pdf')] }), 'weasyprint.pdf', 'pdf'),
    probe('pdf', 'pdf one changed chapter (in process)', workload, 'pdf-chapter.ts'),
  ];
}

/** The tool name of the parser-alone case (probes/parse-only.ts): report.ts sets it against pandoc. */
export const PARSER_ALONE = 'remark-parse alone';

/**
 * folio's parser alone, in a fresh process: the floor under the HTML and EPUB builds. Bundled with
 * esbuild as folio is (scripts/compile.mjs), once per workload, so that it does not pay tsx's start.
 */
function parserAlone(workload: Workload): BenchCase {
  const script = join(workload.work, 'parse-only.mjs');
  return {
    name: `html · ${workload.label}`,
    group: 'html',
    tool: PARSER_ALONE,
    workload,
    invocation: node([script, workload.dir]),
    prepare: async () => {
      if (existsSync(script)) return;
      const { build } = await import('esbuild');
      await build({
        entryPoints: [join(ROOT, 'bench', 'probes', 'parse-only.ts')],
        outfile: script,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'warning',
      });
    },
    failure: (run) => (run.exitCode === 0 && parsedChapters(run.stdout) > 0 ? undefined : failureLine(run)),
  };
}

/** How many chapters the parser-alone run parsed (0 when it printed nothing readable). */
export function parsedChapters(stdout: string): number {
  return Number(lastJsonLine(stdout)?.chapters) || 0;
}

/**
 * A case run by a small script in bench/probes that does its warm-up itself and prints the in-process
 * time of the measured step as `{"ms": …}` (last line of stdout), or exits 3 with why it cannot run.
 */
function probe(group: Group, what: string, workload: Workload, script: string): BenchCase {
  return {
    name: `${what} · ${workload.label}`,
    group,
    tool: 'folio',
    workload,
    invocation: node(['--import', 'tsx', join(ROOT, 'bench', 'probes', script), workload.dir, workload.work]),
    failure: (run) => (run.exitCode === 0 && probeMs(run.stdout) !== undefined ? undefined : failureLine(run)),
    seconds: (run) => probeMs(run.stdout)! / 1000,
  };
}

function probeMs(stdout: string): number | undefined {
  const ms = lastJsonLine(stdout)?.ms;
  return typeof ms === 'number' ? ms : undefined;
}

/** The object a probe printed on its last line of stdout, if any. */
function lastJsonLine(stdout: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(stdout.trim().split('\n').pop() ?? '');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function buildFailure(edition: Group) {
  return (run: Measurement): string | undefined => {
    if (run.exitCode === 0) return undefined;
    if (/Cannot find module[^\n]*render\/\w+\/index\.ts/.test(run.stderr) || /ERR_MODULE_NOT_FOUND/.test(run.stderr)) {
      return `the ${edition} edition does not exist yet (pipeline/render/${edition}/index.ts)`;
    }
    return failureLine(run);
  };
}

function failureLine(run: Measurement): string {
  if (run.timedOut) return 'timed out';
  const lines = `${run.stderr}\n${run.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l && !/unexpected operator/.test(l));
  const line = lines.find((l) => /error|fail|cannot|not found/i.test(l)) ?? lines.pop() ?? `exit code ${run.exitCode}`;
  return `failed (exit ${run.exitCode}): ${line.slice(0, 160)}`;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function findFile(dir: string, extension: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(extension)) return join(entry.parentPath, entry.name);
  }
  return undefined;
}
