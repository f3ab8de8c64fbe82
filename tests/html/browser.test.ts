/**
 * The HTML edition in Chromium: axe-core finds no serious or critical violation on any page; a chapter
 * at phone (390 px) and desktop (1280 px) widths shows its note beside the line when the reference is
 * hovered or focused; the body text is set in the embedded font, not a system fallback; search finds
 * Chinese words. Screenshots go to tests/output/html/ (look at them).
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import axe from 'axe-core';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type FolioBrowser } from '../../pipeline/render/browser.ts';
import { png } from '../support/png.ts';
import { BOOKS, buildEdition, MINI, OUTPUT, type BuiltEdition } from './build-edition.ts';

const SCREENSHOTS = join(OUTPUT, 'screenshots');
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESKTOP = { width: 1280, height: 900, deviceScaleFactor: 1 };

let browser: FolioBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function open(edition: BuiltEdition, file: string, viewport: typeof DESKTOP | typeof PHONE): Promise<Page> {
  const page = await browser.newPage([edition.dir]);
  await page.setViewport(viewport);
  await page.goto(pathToFileURL(join(edition.dir, file)).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

for (const book of BOOKS) {
  describe.skipIf(!book.present)(`in Chromium: ${book.name}`, () => {
    let edition: BuiltEdition;
    beforeAll(async () => {
      edition = await buildEdition(`browser-${book.name}`, book.manuscript);
    });

    it('has no serious or critical axe violation on any page, at desktop and phone widths', async () => {
      const serious: string[] = [];
      for (const file of edition.pages) {
        for (const viewport of [DESKTOP, PHONE]) {
          const page = await open(edition, file, viewport);
          for (const v of await axeViolations(page)) {
            if (v.impact === 'serious' || v.impact === 'critical') serious.push(`${file}@${viewport.width}: ${v.id} (${v.impact}) ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`);
          }
          await page.close();
        }
      }
      expect(serious).toEqual([]);
      expect(browser.blocked).toEqual([]);
    });

    it('shows a chapter note beside its line at 1280 px (side note) and in the flow at 390 px', async () => {
      const desktop = await open(edition, 'ch01.html', DESKTOP);
      const reference = await desktop.$('a.noteref');
      expect(reference).not.toBeNull();
      await reference!.scrollIntoView();
      await reference!.hover();
      const wide = await desktop.evaluate(() => {
        const ref = document.querySelector('a.noteref')!;
        const note = ref.parentElement!.querySelector('.note-popup')!;
        const paragraph = ref.closest('p')!;
        const box = note.getBoundingClientRect();
        return { display: getComputedStyle(note).display, visibility: getComputedStyle(note).visibility, box: box.toJSON(), text: paragraph.getBoundingClientRect().right, note: note.textContent };
      });
      expect(wide.display).not.toBe('none');
      expect(wide.visibility).toBe('visible');
      expect(wide.box.width).toBeGreaterThan(100);
      expect(wide.box.left).toBeGreaterThanOrEqual(wide.text); // in the margin, beside the text column
      expect(wide.box.right).toBeLessThanOrEqual(DESKTOP.width);
      await desktop.screenshot({ path: join(SCREENSHOTS, `${book.name}-ch01-1280.png`) });
      await desktop.close();

      const phone = await open(edition, 'ch01.html', PHONE);
      const hiddenBefore = await phone.evaluate(() => getComputedStyle(document.querySelector('.note-popup')!).display);
      expect(hiddenBefore).toBe('none');
      await phone.screenshot({ path: join(SCREENSHOTS, `${book.name}-ch01-390.png`) });
      await phone.focus('a.noteref');
      const narrow = await phone.evaluate(() => {
        const note = document.querySelector('a.noteref')!.parentElement!.querySelector('.note-popup')!;
        return { display: getComputedStyle(note).display, box: note.getBoundingClientRect().toJSON() };
      });
      expect(narrow.display).toBe('block');
      expect(narrow.box.width).toBeGreaterThan(200);
      expect(narrow.box.left).toBeGreaterThanOrEqual(0);
      expect(narrow.box.right).toBeLessThanOrEqual(PHONE.width);
      await phone.evaluate(() => document.querySelector('a.noteref')!.scrollIntoView({ block: 'center' }));
      await phone.screenshot({ path: join(SCREENSHOTS, `${book.name}-ch01-390-note.png`) });
      await phone.close();
    });

    it('works without JavaScript: notes beside the line, no dead search box', async () => {
      const page = await browser.newPage([edition.dir]);
      await page.setJavaScriptEnabled(false);
      await page.setViewport(DESKTOP);
      await page.goto(pathToFileURL(join(edition.dir, 'ch01.html')).href, { waitUntil: 'load' });
      const state = await page.evaluate(() => ({
        search: getComputedStyle(document.querySelector('form.search')!).display,
        note: getComputedStyle(document.querySelector('.note-popup')!).display,
      }));
      await page.close();
      expect(state).toEqual({ search: 'none', note: 'block' });
    });

    it('sets the body text in the embedded serif, not a system font', async () => {
      const page = await open(edition, 'ch01.html', DESKTOP);
      const client = await page.createCDPSession();
      await client.send('DOM.enable');
      await client.send('CSS.enable');
      const { root } = await client.send('DOM.getDocument', { depth: -1 });
      const { nodeId } = await client.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.chapter-body > p' });
      const { fonts } = await client.send('CSS.getPlatformFontsForNode', { nodeId });
      await page.close();
      console.info(`${book.name}: body paragraph fonts ${JSON.stringify(fonts)}`);
      const main = [...fonts].sort((a, b) => b.glyphCount - a.glyphCount)[0]!;
      // With @font-face the name reported is the file's own (the slices of @fontsource/noto-serif-sc).
      expect(main.familyName).toMatch(/^Noto Serif SC\b/);
      expect(main.isCustomFont).toBe(true);
      for (const font of fonts) {
        expect(font.familyName).not.toMatch(/CJK|DejaVu|Liberation/);
        expect(font.isCustomFont).toBe(true);
      }
    });

    it('applies the Chinese typography on screen and hides the web furniture in print', async () => {
      const page = await open(edition, 'book.html', DESKTOP);
      const styles = () =>
        page.evaluate(() => {
          const paragraph = document.querySelector('.chapter-body > p')!;
          const style = getComputedStyle(paragraph);
          const shown = (selector: string) => getComputedStyle(document.querySelector(selector)!).display !== 'none';
          return {
            lang: document.documentElement.lang,
            indentEm: parseFloat(style.textIndent) / parseFloat(style.fontSize),
            lineBreak: style.getPropertyValue('line-break'),
            trim: style.getPropertyValue('text-spacing-trim'),
            autospace: style.getPropertyValue('text-autospace'),
            // —— and …… are wrapped in .nobreak; a book without them has nothing to keep whole.
            nobreak: document.querySelector('.nobreak') ? getComputedStyle(document.querySelector('.nobreak')!).whiteSpace : /——|……/.test(document.body.textContent!) ? 'missing' : 'nowrap',
            header: shown('.site-header'),
            popup: shown('.note-popup'),
            notes: shown('.notes'),
          };
        });
      const screen = await styles();
      expect(screen).toMatchObject({ lang: 'zh-Hans', lineBreak: 'strict', trim: 'trim-start', autospace: 'normal', nobreak: 'nowrap', header: true });
      expect(screen.indentEm).toBeCloseTo(2, 5);
      await page.emulateMediaType('print');
      const print = await styles();
      await page.close();
      expect(print).toMatchObject({ header: false, popup: false, notes: true });
    });

    it('sets quotation marks 1 em wide in the 楷 (abstract) as in the 宋 text', async () => {
      const page = await open(edition, 'ch01.html', DESKTOP);
      const widths = await page.evaluate(async () => {
        const measure = async (selector: string) => {
          const span = document.createElement('span');
          span.textContent = '“';
          span.style.setProperty('text-spacing-trim', 'space-all');
          document.querySelector(selector)!.append(span);
          await document.fonts.load(`${getComputedStyle(span).fontSize} ${getComputedStyle(span).fontFamily}`, '“');
          const ratio = span.getBoundingClientRect().width / parseFloat(getComputedStyle(span).fontSize);
          span.remove();
          return ratio;
        };
        return { kai: await measure('.abstract p'), serif: await measure('.chapter-body p') };
      });
      await page.close();
      expect(widths.serif).toBeCloseTo(1, 1);
      expect(widths.kai).toBeCloseTo(1, 1);
    });

    it('finds a Chinese word with the search box and links to its section', async () => {
      const page = await open(edition, 'index.html', DESKTOP);
      const query = book.name === 'mini' ? '政治生态' : '政治';
      await page.type('#search-input', query);
      await page.waitForSelector('.search-results li a', { timeout: 5000 });
      const hits = await page.$$eval('.search-results li', (items) => items.map((li) => ({ href: li.querySelector('a')!.getAttribute('href'), text: li.textContent })));
      await page.screenshot({ path: join(SCREENSHOTS, `${book.name}-search-1280.png`) });
      const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      await page.close();
      expect(serious).toEqual([]);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits[0]!.href).toMatch(/^ch\d+\.html#/);
      expect(hits[0]!.text).toContain(query);
    });

    it('lists only sections that hold every term of a query, and says so when none does', async () => {
      const page = await open(edition, 'index.html', DESKTOP);
      const search = async (query: string) => {
        await page.click('#search-input', { clickCount: 3 });
        await page.keyboard.press('Backspace');
        // Emptied by hand, so what appears next is the answer to this query (the box waits 120 ms after typing).
        await page.evaluate(() => (document.querySelector('.search-results')!.textContent = ''));
        await page.type('#search-input', query);
        await page.waitForFunction(() => document.querySelector('.search-results')!.children.length > 0, { timeout: 5000 });
        return page.evaluate(() => ({
          hrefs: [...document.querySelectorAll('.search-results li a')].map((a) => a.getAttribute('href')!),
          text: document.querySelector('.search-results')!.textContent ?? '',
          sections: (window as unknown as { folioSearchIndex: { sections: Array<{ href: string; heading?: string; text: string }> } }).folioSearchIndex.sections,
        }));
      };
      const both = await search('政治 生态');
      expect(both.hrefs.length).toBeGreaterThan(0);
      for (const href of both.hrefs) {
        const section = both.sections.find((s) => s.href === href)!;
        expect(`${section.heading ?? ''}\n${section.text}`).toContain('政治');
        expect(`${section.heading ?? ''}\n${section.text}`).toContain('生态');
      }
      const none = await search('政治 不存在的词语');
      await page.close();
      expect(none.hrefs).toEqual([]);
      expect(none.text.length).toBeGreaterThan(0);
    });
  });
}

describe('in Chromium: a tall figure', () => {
  let edition: BuiltEdition;
  beforeAll(async () => {
    const dir = join(OUTPUT, 'books', 'mini-tall-figure');
    await rm(dir, { recursive: true, force: true });
    await cp(MINI, dir, { recursive: true });
    await writeFile(join(dir, 'chapters/flow.png'), png(600, 3000));
    const chapter = join(dir, 'chapters/02-community.md');
    await writeFile(chapter, `${await readFile(chapter, 'utf8')}\n\n图前的文字。\n\n![图1 社区治理流程图](flow.png)\n\n图后的文字。\n`);
    edition = await buildEdition('browser-tall-figure', dir);
  });

  it('fits the screen with its caption, in its proportions, at phone and desktop widths', async () => {
    for (const [name, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      const page = await open(edition, 'ch02.html', viewport);
      await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode().catch(() => undefined))));
      const shown = await page.$eval('figure img', (image) => {
        const box = image.getBoundingClientRect();
        const caption = image.closest('figure')!.querySelector('figcaption')!.getBoundingClientRect();
        return { width: box.width, height: box.height, withCaption: caption.bottom - box.top, natural: image.naturalWidth / image.naturalHeight };
      });
      await page.$eval('figure', (figure) => figure.scrollIntoView());
      await page.screenshot({ path: join(SCREENSHOTS, `tall-figure-${name}.png`) });
      await page.close();
      expect(shown.withCaption, `${name}: figure and caption within the screen's height`).toBeLessThanOrEqual(viewport.height);
      expect(shown.width / shown.height, `${name}: proportions kept`).toBeCloseTo(shown.natural, 2);
    }
  });
});
