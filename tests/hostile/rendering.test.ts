/**
 * Safety of the rendering, tested on the real editions and the real process table:
 * - a manuscript that points at a server on 127.0.0.1 in every way a page can load something: the
 *   server receives zero requests, while building every edition and while the HTML edition is viewed;
 * - Chromium and its children are gone after a build, a build stopped by its time bound, Ctrl-C and
 *   kill -9, and a killed build leaves the previous edition intact.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../pipeline/render/browser.ts';
import { MINI } from './cases.ts';

const ROOT = join(import.meta.dirname, '../..');
const FOLIO = join(ROOT, 'bin/folio.mjs');

let server: Server;
let requests: string[] = [];
let origin = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.end('x');
  });
  server.on('upgrade', (request, socket) => {
    requests.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A chapter that tries every way a page loads a resource, a script or another page. */
function hostileChapter(): string {
  const http = `http://${origin}`;
  return [
    '---',
    'title: 恶意章节',
    'authors: [某人]',
    'keywords: [测试]',
    '---',
    '',
    ':::abstract',
    `摘要<img src="${http}/abstract.png">。`,
    ':::',
    '',
    `正文![远程](${http}/markdown.png)，[链接](${http}/link)。`,
    '',
    `<img src="${http}/img.png" srcset="${http}/srcset.png 2x"><img src="//${origin}/protocol-relative.png">`,
    `<script src="${http}/script.js"></script><script>fetch('${http}/fetch'); new WebSocket('ws://${origin}/ws');</script>`,
    `<iframe src="${http}/iframe"></iframe><object data="${http}/object"></object><embed src="${http}/embed">`,
    `<link rel="stylesheet" href="${http}/style.css"><link rel="prefetch" href="${http}/prefetch">`,
    `<meta http-equiv="refresh" content="0;url=${http}/refresh"><base href="${http}/base/">`,
    `<style>@import url(${http}/import.css); p { background: url(${http}/style-bg.png); }</style>`,
    `<div style="background-image:url(${http}/inline-bg.png)">块</div>`,
    `<video poster="${http}/poster.png" src="${http}/video.mp4"></video><audio src="${http}/audio.mp3"></audio>`,
    `<svg><image href="${http}/svg.png"/></svg><form action="${http}/form"><input type="image" src="${http}/input.png"></form>`,
    `<img src="x" onerror="fetch('${http}/onerror')"><a href="javascript:fetch('${http}/js')">点</a>`,
    '',
    `引用[^1]。`,
    '',
    `[^1]: 注释<img src="${http}/note.png">。`,
    '',
  ].join('\n');
}

async function hostileBook(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-network-'));
  await cp(MINI, dir, { recursive: true });
  await writeFile(join(dir, 'chapters/02-community.md'), hostileChapter());
  // Turn off the rules that would refuse it: the renderers themselves must keep it out.
  const off = ['resource-remote', 'resource-unsafe-html', 'resource-missing', 'resource-outside'].map((id) => `  ${id}: off`).join('\n');
  await writeFile(join(dir, 'book.yaml'), `${await readFile(join(dir, 'book.yaml'), 'utf8')}rules:\n${off}\n`);
  return dir;
}

function folio(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
}

describe('a manuscript pointing at a local server', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await hostileBook();
    requests = [];
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('builds every edition without a single request to the server', () => {
    const result = folio(['build', '--manuscript', dir, '--out', join(dir, 'dist')]);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.status, result.stderr).toBe(0);
    expect(requests).toEqual([]);
    // The sanitizer leaves nothing for Chromium to block; anything it did block would be named here.
    expect(result.stderr).not.toContain(origin);
  });

  it('writes no reference to the server into any edition file, except as the target of a link', async () => {
    // A link is followed only by a reader who clicks it; anything else naming the server would be a load.
    const withoutLinks = (text: string) => text.replace(/<a\b[^>]*>/g, '<a>');
    const html = await readdir(join(dir, 'dist/html'), { recursive: true });
    for (const name of html.filter((n) => /\.(html|js|css|json)$/.test(n))) {
      expect(withoutLinks(await readFile(join(dir, 'dist/html', name), 'utf8')), name).not.toContain(origin);
    }
    const epub = join(dir, 'dist', (await readdir(join(dir, 'dist'))).find((n) => n.endsWith('.epub'))!);
    const unzip = spawnSync('unzip', ['-p', epub], { maxBuffer: 1 << 28 });
    expect(withoutLinks(unzip.stdout.toString('utf8'))).not.toContain(origin);
    const pdf = spawnSync('pdftotext', [join(dir, 'dist', (await readdir(join(dir, 'dist'))).find((n) => n.endsWith('.pdf'))!), '-'], { encoding: 'utf8' });
    // On paper a link's address is printed after its text (render/pdf/chapter.ts): text, not a load.
    expect(pdf.stdout.replace(/\s+/g, '').replaceAll(`（http://${origin}/link）`, '')).not.toContain(origin);
  });

  it('loads nothing from the server when a reader opens the HTML edition (no interception)', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage(); // a plain page: only the edition's own markup decides
      for (const name of ['index.html', 'ch02.html', 'book.html']) {
        await page.goto(pathToFileURL(join(dir, 'dist/html', name)).href, { waitUntil: 'networkidle0' });
        await page.hover('a.noteref').catch(() => undefined);
        await sleep(300);
      }
    } finally {
      await browser.close();
    }
    expect(requests).toEqual([]);
  });
});

describe("the build's Chromium", () => {
  it('blocks and records every request outside the allowed folders, even from a page that asks for them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-interception-'));
    const outside = await mkdtemp(join(tmpdir(), 'folio-outside-'));
    await writeFile(join(outside, 'secret.css'), 'p { color: red }');
    await writeFile(
      join(dir, 'page.html'),
      `<link rel="stylesheet" href="${pathToFileURL(join(outside, 'secret.css')).href}"><img src="http://${origin}/probe.png"><script>fetch('http://${origin}/fetch'); new WebSocket('ws://${origin}/ws');</script>`,
    );
    requests = [];
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage([dir]);
      await page.goto(pathToFileURL(join(dir, 'page.html')).href, { waitUntil: 'networkidle0' });
      await sleep(300);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    }
    expect(requests).toEqual([]);
    expect(browser.blocked).toEqual(expect.arrayContaining([`http://${origin}/probe.png`, `http://${origin}/fetch`, `ws://${origin}/ws`, pathToFileURL(join(outside, 'secret.css')).href]));
  });

  it("opens pages without the browser's own pages (the address bar's popup cost ~1 s of CPU a window)", async () => {
    const browser = await launchBrowser();
    try {
      await browser.newPage([]);
      await browser.browser.newPage({ type: 'window' });
      const session = await browser.browser.target().createCDPSession();
      const { targetInfos } = await session.send('Target.getTargets', { filter: [{}] });
      expect(targetInfos.filter((target) => target.type !== 'page' && target.type !== 'tab').map((target) => target.url)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

/** Chromium processes whose command line mentions `marker` (our builds' profiles live under TMPDIR). */
function chromiumsUnder(marker: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(marker) && /chrom/i.test(line));
}

async function until(condition: () => boolean, seconds: number): Promise<boolean> {
  for (let waited = 0; waited < seconds * 1000; waited += 100) {
    if (condition()) return true;
    await sleep(100);
  }
  return condition();
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
}

const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('Chromium never outlives a build', () => {
  let book: string;
  beforeAll(async () => {
    book = await mkdtemp(join(tmpdir(), 'folio-processes-'));
    await cp(MINI, book, { recursive: true });
  });
  afterAll(() => rm(book, { recursive: true, force: true }));

  /** A build whose temporary files (and so Chromium's profile) live under a folder of its own. */
  async function start(out: string, env: Record<string, string> = {}) {
    const temp = await mkdtemp(join(tmpdir(), 'folio-proc-'));
    const child = spawn(process.execPath, [FOLIO, 'build', '--manuscript', book, '--out', out, '--edition', 'pdf'], {
      env: { ...process.env, TMPDIR: temp, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    return { child, temp, stderr: () => stderr };
  }

  it('after a build that succeeds', async () => {
    const { child, temp } = await start(join(book, 'dist-ok'));
    expect(await exited(child)).toBe(0);
    expect(await until(() => chromiumsUnder(temp).length === 0, 5)).toBe(true);
  });

  it('after a build stopped by its time bound, with a clear message and no file', async () => {
    const out = join(book, 'dist-timeout');
    const { child, temp, stderr } = await start(out, { FOLIO_EDITION_TIMEOUT: '1' });
    expect(await exited(child)).toBe(1);
    expect(stderr()).toContain('stopped after 1 s');
    expect(stderr()).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(out) ? (await readdir(out)).filter((n) => n.endsWith('.pdf')) : []).toEqual([]);
    expect(await until(() => chromiumsUnder(temp).length === 0, 5)).toBe(true);
  });

  it('after Ctrl-C', async () => {
    const { child, temp } = await start(join(book, 'dist-sigint'));
    expect(await until(() => chromiumsUnder(temp).length > 0, 60)).toBe(true);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    expect(await until(() => chromiumsUnder(temp).length === 0, 5)).toBe(true);
  });

  it('after kill -9 mid-PDF, leaving the previous PDF intact and no partial file', async () => {
    const out = join(book, 'dist-kill');
    const first = await start(out);
    expect(await exited(first.child)).toBe(0);
    const pdf = (await readdir(out)).find((n) => n.endsWith('.pdf'))!;
    const before = await sha(join(out, pdf));

    const { child, temp } = await start(out);
    expect(await until(() => chromiumsUnder(temp).length > 0, 60)).toBe(true);
    child.kill('SIGKILL');
    await exited(child);
    expect(await sha(join(out, pdf))).toBe(before);
    expect((await readdir(out)).filter((n) => n.endsWith('.pdf'))).toEqual([pdf]);
    // Chromium talks to folio over a pipe: it exits by itself when folio is gone.
    expect(await until(() => chromiumsUnder(temp).length === 0, 10)).toBe(true);
  });
});
