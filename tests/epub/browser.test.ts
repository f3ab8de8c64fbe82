/**
 * Chapters of the unpacked EPUB rendered in Chromium: the text is drawn with the embedded fonts (CDP
 * CSS.getPlatformFontsForNode: a custom font of the renamed family), never a system fallback.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FolioBrowser, launchBrowser } from '../../pipeline/render/browser.ts';
import { BOOKS, build, OUTPUT, transformed, type Unpacked, unpack } from './book.ts';

interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** Which embedded family each kind of text must use. */
const EXPECTED: Array<{ selector: string; family: string }> = [
  { selector: 'section.chapter > p:not(.keywords)', family: 'FolioSerifSC' },
  { selector: 'h1.chapter-title', family: 'FolioSansSC' },
  { selector: 'section.chapter > h2', family: 'FolioSansSC' },
  { selector: 'section.abstract p', family: 'FolioKaiSC' },
  { selector: 'aside.footnote p', family: 'FolioSerifSC' },
];

let browser: FolioBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(BOOKS)('Chromium renders the EPUB of $name', ({ name, dir }) => {
  let epub: Unpacked;
  let chapters: string[];

  beforeAll(async () => {
    const book = await transformed(dir);
    epub = await unpack(await build(book), `browser-${name}`);
    chapters = book.chapters.slice(0, 2).map((chapter) => `OEBPS/${chapter.id}.xhtml`);
  });

  it('draws chapter text only with the embedded, renamed fonts', async () => {
    expect(chapters.length).toBeGreaterThan(0);
    for (const chapter of chapters) {
      const page = await browser.newPage([epub.dir]);
      try {
        await page.setViewport({ width: 600, height: 900 });
        await page.goto(pathToFileURL(join(epub.dir, chapter)).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const client = await page.createCDPSession();
        await client.send('DOM.enable');
        await client.send('CSS.enable');
        const { root } = await client.send('DOM.getDocument', { depth: -1 });
        let checked = 0;
        for (const { selector, family } of EXPECTED) {
          const { nodeIds } = await client.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
          for (const nodeId of nodeIds.slice(0, 5)) {
            const { fonts } = (await client.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: PlatformFont[] };
            expect(fonts.length, `${chapter} ${selector}`).toBeGreaterThan(0);
            // A node's fonts include its inline children's (【摘要】 is a 黑体 label in a 楷体 paragraph).
            expect(fonts.map((font) => font.familyName), selector).toContain(family);
            for (const font of fonts) {
              expect({ selector, family: font.familyName, custom: font.isCustomFont }).toEqual({
                selector,
                family: expect.stringMatching(/^Folio(Serif|Sans|Kai)SC$/),
                custom: true,
              });
            }
            checked++;
          }
        }
        expect(checked, `${chapter}: nodes checked`).toBeGreaterThan(3);
        await writeFile(join(OUTPUT, `browser-${name}`, `${chapter.replace(/\W/g, '-')}.png`), await page.screenshot({ fullPage: false }));
        await client.detach();
      } finally {
        await page.close();
      }
    }
    expect(browser.blocked).toEqual([]);
  });
});
