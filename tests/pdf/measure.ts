/**
 * Measures the print edition (not a test: speed goals are not timed tests). Run it alone:
 *   npx tsx tests/pdf/measure.ts [manuscript-dir]
 * Prints whole-book times for the manuscript and a 29-chapter book (bench/generate-book.ts), the peak
 * memory of folio and its Chromium (the process tree's proportional set size, PSS, which counts memory
 * shared between Chromium's processes once; sampled every 100 ms), and the time
 * to re-build after editing one chapter with the browser and the other parts warm.
 */
import { readdirSync, readFileSync } from 'node:fs';
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

/** PSS of one process in bytes (RSS when smaps_rollup is not readable). */
function pssOf(pid: string, status: string): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) * 1024;
  }
}

/** Memory of this process and all its descendants, in bytes (Linux /proc). */
function treeMemory(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      rss.set(Number(entry), pssOf(entry, status));
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function book(dir: string) {
  const { book } = await loadBook(dir, ROOT);
  if (!book) throw new Error(`${dir} did not load`);
  return transformBook(book);
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeMemory())), 100);
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
    peak = 0;
    started = performance.now();
    const transformed = await book(dir);
    const session = await PrintSession.start(browser);
    const result = await session.render(transformed, options);
    console.log(`${name}: whole book ${seconds(started)} (load + transform + render), ${result.pages} pages, ${(result.pdf.length / 1e6).toFixed(1)} MB, ${result.parts} parts, peak memory ${(peak / 1e9).toFixed(2)} GB`);
    if (transformed.chapters.length > 1) {
      const middle = transformed.chapters[Math.floor(transformed.chapters.length / 2)]!;
      const file = join(dir, middle.chapter.path!);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^(?!---|:::|#|\[\^|\s*$)(.+)$/m, '$1这是一处修改。'));
      started = performance.now();
      const edited = await session.render(await book(dir), options);
      console.log(`${name}: one chapter (${middle.id}) edited, warm re-build ${seconds(started)} (load + transform + render), ${edited.paginatedParts} of ${edited.parts} parts re-paginated`);
      await writeFile(file, text);
    }
    await session.close();
  }
} finally {
  clearInterval(sampler);
  await browser.close();
}
