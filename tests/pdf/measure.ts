/**
 * Measures the print edition (not a test: speed goals are not timed tests). Run it alone:
 *   npx tsx tests/pdf/measure.ts [manuscript-dir]
 * Prints whole-book times for the manuscript and a 29-chapter book (bench/generate-book.ts), the peak
 * memory of folio and its Chromium (the process tree's proportional set size, PSS, which counts memory
 * shared between Chromium's processes once; sampled every 200 ms), and the time
 * to re-build after editing one chapter with the browser and the other parts warm.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateBenchmarkBook } from '../../bench/generate-book.ts';
import { loadBook } from '../../pipeline/book/load.ts';
import { launchBrowser } from '../../pipeline/render/browser.ts';
import { PrintSession } from '../../pipeline/render/pdf/index.ts';
import { transformBook } from '../../pipeline/transform/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const manuscript = resolve(process.argv[2] ?? join(ROOT, 'manuscript'));

/**
 * The memory sampler runs in a process of its own: reading /proc for Chromium's processes takes long
 * enough to stall this process's event loop and slow the very build it measures.
 */
const SAMPLER = `
const { readdirSync, readFileSync } = require('node:fs');
const root = Number(process.argv[1]);
const pss = (pid) => {
  try { return Number(/^Pss:\\s+(\\d+)/m.exec(readFileSync('/proc/' + pid + '/smaps_rollup', 'utf8'))[1]) * 1024; }
  catch { return 0; }
};
let peak = 0;
const CLOCK = 100; // clock ticks per second (getconf CLK_TCK on Linux)
const cpuOf = (pid) => {
  try {
    const fields = readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLOCK;
  } catch { return 0; }
};
const tree = () => {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\\d+$/.test(entry)) continue;
    try {
      const parent = Number(/^PPid:\\s+(\\d+)/m.exec(readFileSync('/proc/' + entry + '/status', 'utf8'))[1]);
      children.set(parent, [...(children.get(parent) ?? []), entry]);
    } catch {}
  }
  const pids = [];
  const stack = [String(root)];
  while (stack.length) { const pid = stack.pop(); if (pid !== String(process.pid)) pids.push(pid); stack.push(...(children.get(Number(pid)) ?? [])); }
  return pids;
};
const sample = () => {
  peak = Math.max(peak, tree().reduce((sum, pid) => sum + pss(pid), 0));
};
const timer = setInterval(sample, 200);
process.on('message', (message) => {
  if (message === 'reset') peak = 0;
  else if (message === 'cpu') process.send(tree().reduce((sum, pid) => sum + cpuOf(pid), 0));
  else process.send(peak);
});
process.on('disconnect', () => clearInterval(timer));
`;

/** Starts the sampler on this process's tree; `peak()` is the largest PSS seen since `reset()`. */
function memorySampler() {
  const child = spawn(process.execPath, ['-e', SAMPLER, String(process.pid)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (question: string) =>
    new Promise<number>((resolve) => {
      child.once('message', (value) => resolve(Number(value)));
      child.send(question);
    });
  return {
    reset: () => child.send('reset'),
    peak: () => ask('peak'),
    /** CPU seconds (user + system, children included) used by this process and its descendants so far. */
    cpu: () => ask('cpu'),
    stop: () => child.disconnect(),
  };
}

async function book(dir: string) {
  const { book } = await loadBook(dir, ROOT);
  if (!book) throw new Error(`${dir} did not load`);
  return transformBook(book);
}

const sampler = memorySampler();
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(2)} s`;
const options = { sourceDate: new Date(Date.UTC(2021, 7, 1)), printMarks: false, progress: (line: string) => console.log(`  ${line}`) };

let started = performance.now();
const browser = await launchBrowser();
console.log(`browser launch: ${seconds(started)}`);
try {
  for (const [name, dir] of [
    ['manuscript', manuscript],
    ['29 chapters', (await generateBenchmarkBook(manuscript, join(tmpdir(), 'folio-pdf-measure-book29'))).dir],
  ] as const) {
    sampler.reset();
    let cpu = await sampler.cpu();
    started = performance.now();
    const transformed = await book(dir);
    const session = await PrintSession.start(browser, { plan: 'for-edits' });
    const result = await session.render(transformed, options);
    console.log(`${name}: whole book ${seconds(started)}, ${((await sampler.cpu()) - cpu).toFixed(1)} CPU s (load + transform + render), ${result.pages} pages, ${(result.pdf.length / 1e6).toFixed(1)} MB, ${result.parts} parts, peak memory ${((await sampler.peak()) / 1e9).toFixed(2)} GB`);
    if (transformed.chapters.length > 1) {
      const middle = transformed.chapters[Math.floor(transformed.chapters.length / 2)]!;
      const file = join(dir, middle.chapter.path!);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^(?!---|:::|#|\[\^|\s*$)(.+)$/m, '$1这是一处修改。'));
      cpu = await sampler.cpu();
      started = performance.now();
      const edited = await session.render(await book(dir), options);
      console.log(`${name}: one chapter (${middle.id}) edited, warm re-build ${seconds(started)}, ${((await sampler.cpu()) - cpu).toFixed(1)} CPU s (load + transform + render), ${edited.paginatedParts} of ${edited.parts} parts re-paginated`);
      await writeFile(file, text);
    }
    await session.close();
  }
} finally {
  sampler.stop();
  await browser.close();
}
