/**
 * `folio preview` on a temporary copy of the mini book: serves the chapter pages on 127.0.0.1, and after
 * an edit of one chapter file sends the reload event (SSE), serves the new text, and shows the check
 * messages in the page's overlay. The incremental update time is measured and reported (not asserted).
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../pipeline/io.ts';
import { runPreview, startPreview, type RunningPreview } from '../../pipeline/preview/command.ts';
import { applyChange, measureIncrementalUpdate, openSession } from '../../pipeline/preview/session.ts';
import { miniWithCrossLinks } from '../support/cross-linked.ts';
import { launchBrowser, type FolioBrowser } from '../../pipeline/render/browser.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const MINI = join(ROOT, 'tests', 'fixtures', 'books', 'mini');
const OUTPUT = join(ROOT, 'tests', 'output', 'preview');
const CHAPTER = join('chapters', '01-political-ecology.md');

interface ServerEvent {
  event: string;
  data: string;
}

/** Reads a Server-Sent Events stream and hands each event to the waiting predicates. */
/**
 * `page` once a reload event after `from` serves `text`, or as served after the last reload
 * within 10 s: writeFile can reach the watcher as two changes (truncate, then write), so the first
 * reload may be for the emptied file and a second one follow.
 */
async function servedAfterReloads(page: URL, events: ServerEvent[], from: number, text: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let checked = 0;
  let html = '';
  while (Date.now() < deadline) {
    const reloads = events.slice(from).filter((event) => event.event === 'reload').length;
    if (reloads > checked) {
      checked = reloads;
      html = await (await fetch(page)).text();
      if (html.includes(text)) return html;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return html;
}

async function openEvents(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const events: ServerEvent[] = [];
  const waiters: Array<{ test: (e: ServerEvent) => boolean; resolve: (e: ServerEvent) => void }> = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          const parsed = { event, data };
          events.push(parsed);
          for (const waiter of waiters.filter((w) => w.test(parsed))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(parsed);
          }
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return {
    events,
    next(test: (e: ServerEvent) => boolean, timeout = 10_000): Promise<ServerEvent> {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error('no such event within the timeout')), timeout);
        waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolvePromise(e)) });
      });
    },
    close: () => controller.abort(),
  };
}

let log = '';
const io: Io = { cwd: ROOT, env: {}, out: (t) => (log += t), err: (t) => (log += t), isTTY: false };

describe('folio preview', () => {
  let book: string;
  let preview: RunningPreview;
  let browser: FolioBrowser;
  const timings: Record<string, number[]> = { serverMs: [], saveToEventMs: [] };

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    book = await mkdtemp(join(tmpdir(), 'folio-preview-'));
    await cp(MINI, book, { recursive: true });
    preview = await startPreview(io, { manuscript: book, port: 0 });
  });
  afterAll(async () => {
    await preview?.close();
    await browser?.close();
    await rm(book, { recursive: true, force: true });
    await writeFile(join(OUTPUT, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    console.info(`preview timings (ms): ${JSON.stringify(timings)}`);
  });

  it('listens on 127.0.0.1 only and serves the chapter pages with the preview script', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(new URL('ch01.html', preview.url));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('打造廉洁文化基地12个');
    expect(html).toContain('<script src="/__folio/preview.js" defer></script>');
    const css = await (await fetch(new URL('folio.css', preview.url))).text();
    const font = /url\((fonts\/[^)]+\.woff2)\)/.exec(css)![1]!;
    const fontResponse = await fetch(new URL(font, preview.url));
    expect(fontResponse.headers.get('content-type')).toBe('font/woff2');
    expect((await fetch(new URL('../../etc/passwd', preview.url))).status).toBe(404);
    // The search index is built when first asked for, from the current chapters.
    expect(await (await fetch(new URL('search-index.js', preview.url))).text()).toMatch(/^window\.folioSearchIndex = \{.*廉洁文化基地12个/s);
  });

  it('sends a reload event after a chapter is edited and then serves the new text', async () => {
    const events = await openEvents(new URL('__folio/events', preview.url).href);
    await events.next((e) => e.event === 'diagnostics');
    for (const [i, text] of ['打造廉洁文化基地13个', '打造廉洁文化基地14个', '打造廉洁文化基地15个'].entries()) {
      const path = join(book, CHAPTER);
      const source = await readFile(path, 'utf8');
      const before = events.events.length;
      const reload = events.next((e) => e.event === 'reload');
      const saved = performance.now();
      await writeFile(path, source.replace(/打造廉洁文化基地\d+个/, text));
      const event = await reload;
      timings.saveToEventMs!.push(Math.round(performance.now() - saved));
      const data = JSON.parse(event.data) as { pages: string[]; ms: number };
      timings.serverMs!.push(Math.round(data.ms));
      expect(data.pages).toContain('ch01.html');
      expect(data.pages).not.toContain('ch02.html');
      expect(await servedAfterReloads(new URL('ch01.html', preview.url), events.events, before, text), `edit ${i + 1}`).toContain(text);
    }
    events.close();
  });

  it('reloads the whole book when book.yaml changes', async () => {
    const events = await openEvents(new URL('__folio/events', preview.url).href);
    await events.next((e) => e.event === 'diagnostics');
    const path = join(book, 'book.yaml');
    const yaml = await readFile(path, 'utf8');
    const reload = events.next((e) => e.event === 'reload');
    await writeFile(path, yaml.replace('乐山市党校系统2020年度调研报告文集', '乐山市党校系统2020年度调研报告选编'));
    const data = JSON.parse((await reload).data) as { pages: string[] };
    expect(data.pages).toContain('index.html');
    expect(await (await fetch(new URL('index.html', preview.url))).text()).toContain('调研报告选编');
    events.close();
  });

  it('reloads the open page in a browser and shows the check messages of a faulty edit in an overlay', async () => {
    // The preview is served over http://127.0.0.1, which the build's offline browser cannot reach.
    browser = await launchBrowser({ loopback: true });
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(new URL('ch02.html', preview.url).href, { waitUntil: 'load' });
    const path = join(book, 'chapters', '02-community.md');
    const source = await readFile(path, 'utf8');
    const reloaded = page.waitForNavigation({ waitUntil: 'load' });
    await writeFile(path, source.replace('辖区面积3.2平方千米。', '辖区面积3.5平方千米,人口两万。'));
    await reloaded;
    expect(await page.$eval('.chapter-body', (e) => e.textContent)).toContain('辖区面积3.5平方千米,人口两万');
    await page.waitForSelector('#folio-preview-overlay', { timeout: 10_000 });
    const overlay = await page.$eval('#folio-preview-overlay', (e) => e.textContent ?? '');
    expect(overlay).toContain('punctuation-half-width');
    expect(overlay).toContain('02-community.md');
    await page.screenshot({ path: join(OUTPUT, 'overlay-1280.png') });
    expect(log).toContain('punctuation-half-width');
    await page.close();
  });

  it('stops cleanly when its signal is aborted (Ctrl-C)', async () => {
    const stop = new AbortController();
    let out = '';
    const running = runPreview({ ...io, err: (t) => (out += t) }, { manuscript: MINI, port: 0, signal: stop.signal });
    while (!out.includes('http://127.0.0.1:')) await new Promise((r) => setTimeout(r, 20));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)![0];
    expect((await fetch(url)).status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('times the incremental path for the bench', async () => {
    const result = await measureIncrementalUpdate(book, ROOT, 5);
    timings.benchMedianMs = [Math.round(result.medianMs)];
    expect(result.samples).toHaveLength(5);
  });
});

describe('the preview session', () => {
  it('checks the links of the other reports again when an edit renames the heading they link to', async () => {
    const book = await miniWithCrossLinks(join(OUTPUT, 'cross-linked'));
    const session = await openSession(book, ROOT);
    const linking = resolve(book, CHAPTER);
    const linked = resolve(book, 'chapters/02-community.md');
    const linkMessages = () => (session.diagnostics.get(linking) ?? []).filter((d) => d.ruleId === 'link-target');
    expect(linkMessages()).toEqual([]);
    const text = await readFile(linked, 'utf8');
    await writeFile(linked, text.replace('### （一）网格化管理', '### （一）网格管理'));
    const update = await applyChange(session, linked);
    expect(linkMessages().map((d) => d.message)).toEqual([expect.stringMatching(/no heading of the report chapters\/02-community\.md/)]);
    expect(update.diagnostics.filter((d) => d.ruleId === 'link-target')).toEqual(linkMessages());
    // Renaming the heading back clears the message.
    await writeFile(linked, text);
    await applyChange(session, linked);
    expect(linkMessages()).toEqual([]);
  });
});
