/**
 * The folios, printed apart from the text as a PDF of folio-only pages and laid over the joined book
 * (join.ts). The parts are printed as soon as each is paginated, before anyone knows where it
 * starts in the book, and an edit that changes one part's page count re-prints only this sheet
 * (~0.5 s), not every part after it. Folios sit at the foot, on the outer edge.
 * The page references' numbers (见上文（第 12 页）) are folios too, known only as late: the sheet prints
 * each into the blank box its part left for it, in the text's font and line, so its baseline is the text's.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { FolioBrowser } from '../browser.ts';
import { fontFaceCss } from './fonts.ts';
import type { PageGeometry } from './geometry.ts';

/** Below the type area: the folio's top edge this far under it. */
const FOLIO_DROP = '6mm';
const FOLIO_SIZE = '9pt';

/** A number printed into the text: physical page (0-based), its box in CSS px and its CSS font. */
export interface PlacedNumber {
  page: number;
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  font: string;
}

/**
 * `folios[i]`: the number printed on physical page i (1-based pages: index 0 = a recto), or none;
 * `numbers`: the page references' numbers.
 */
export function folioSheetHtml(folios: Array<number | undefined>, geometry: PageGeometry, fontCss: string, lang: string, numbers: PlacedNumber[] = []): string {
  const { width, height, margins } = geometry;
  const css = [
    `@page { size: ${width} ${height}; margin: 0; }`,
    'html, body { margin: 0; }',
    // A hair shorter than the page, so rounding never spills a sheet onto an extra page.
    `.sheet { position: relative; height: calc(${height} - 1mm); break-after: page; }`,
    '.sheet:last-child { break-after: auto; }',
    `.folio { position: absolute; top: calc(${height} - ${margins.bottom} + ${FOLIO_DROP}); font: ${FOLIO_SIZE}/1 FolioSerif, serif; }`,
    `.verso .folio { left: ${margins.outer}; }`,
    `.recto .folio { right: ${margins.outer}; }`,
    '.number { position: absolute; text-align: center; white-space: nowrap; }',
  ].join('\n');
  const px = (value: number) => `${Math.round(value * 100) / 100}px`;
  const sheets = folios.map((folio, index) =>
    h(`div.sheet.${index % 2 === 0 ? 'recto' : 'verso'}`, [
      folio === undefined ? undefined : h('span.folio', String(folio)),
      ...numbers
        .filter((number) => number.page === index)
        .map((number) => h('span.number', { style: `left: ${px(number.left)}; top: ${px(number.top)}; width: ${px(number.width)}; height: ${px(number.height)}; font: ${number.font}` }, number.text)),
    ]),
  );
  return toHtml(
    h(null, [{ type: 'doctype' }, h('html', { lang }, [h('head', [h('meta', { charset: 'utf-8' }), h('style', `${fontCss}\n${css}`)]), h('body', sheets)])]),
  );
}

export async function printFolioSheet(
  browser: FolioBrowser,
  buildDir: string,
  placedFonts: Map<string, Promise<string>>,
  folios: Array<number | undefined>,
  geometry: PageGeometry,
  lang: string,
  numbers: PlacedNumber[] = [],
): Promise<Uint8Array> {
  const fontCss = await fontFaceCss('0123456789', buildDir, placedFonts);
  const path = join(buildDir, 'folios.html');
  await writeFile(path, folioSheetHtml(folios, geometry, fontCss, lang, numbers));
  const page = await browser.newPage([buildDir]);
  try {
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    const fonts = ['9pt FolioSerif', ...new Set(numbers.map((number) => number.font))];
    await page.evaluate(async (loads) => {
      await Promise.all(loads.map((font) => document.fonts.load(font, '0123456789')));
    }, fonts);
    return await page.pdf({ preferCSSPageSize: true, tagged: false, outline: false, timeout: 0 });
  } finally {
    await page.close();
  }
}
