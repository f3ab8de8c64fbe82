/**
 * The folios, printed apart from the text as a PDF of folio-only pages and laid over the joined book
 * (join.ts). The parts are printed as soon as each is paginated, before anyone knows where it
 * starts in the book, and an edit that changes one part's page count re-prints only this sheet
 * (~0.5 s), not every part after it. Folios sit at the foot, on the outer edge.
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

/** `folios[i]`: the number printed on physical page i (1-based pages: index 0 = a recto), or none. */
export function folioSheetHtml(folios: Array<number | undefined>, geometry: PageGeometry, fontCss: string, lang: string): string {
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
  ].join('\n');
  const sheets = folios.map((folio, index) =>
    h(`div.sheet.${index % 2 === 0 ? 'recto' : 'verso'}`, folio === undefined ? [] : [h('span.folio', String(folio))]),
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
): Promise<Uint8Array> {
  const fontCss = await fontFaceCss('0123456789', buildDir, placedFonts);
  const path = join(buildDir, 'folios.html');
  await writeFile(path, folioSheetHtml(folios, geometry, fontCss, lang));
  const page = await browser.newPage([buildDir]);
  try {
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    await page.evaluate(async () => {
      await document.fonts.load('9pt FolioSerif', '0123456789');
    });
    return await page.pdf({ preferCSSPageSize: true, tagged: false, outline: false, timeout: 0 });
  } finally {
    await page.close();
  }
}
