/**
 * The cover image: book.yaml `cover` when given, else rendered from templates/epub/cover.html (title,
 * subtitle, editors, publisher, in the book's embedded fonts) by the shared Chromium to a JPEG of
 * 1600 × 2263 px (the 185:260 trim). Rendered covers are cached by their inputs (template, stylesheet,
 * text, fonts), so a rebuild of the same book gives the same bytes without starting Chromium.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BY_EXTENSION, type Format, MEDIA_TYPES } from '../../book/image-format.ts';
import { isInside } from '../../book/load.ts';
import type { Book } from '../../book/types.ts';
import type { FolioBrowser } from '../browser.ts';
import { LABELS } from '../labels.ts';
import type { EmbeddedFont } from './fonts.ts';
import { CACHE, makeCacheFolder, TEMPLATES } from '../../paths.ts';

export const COVER_SIZE = { width: 1600, height: 2263 } as const;
const TEMPLATE = join(TEMPLATES, 'epub/cover.html');
const STYLESHEET = join(TEMPLATES, 'epub/cover.css');
const COVER_CACHE = join(CACHE, 'covers');

export interface CoverImage {
  data: Buffer;
  mediaType: string;
  extension: 'jpg' | 'png';
}

/** A given cover is a JPEG or a PNG (epubcheck and every store accept those). */
const COVER_EXTENSIONS: Partial<Record<Format, CoverImage['extension']>> = { JPEG: 'jpg', PNG: 'png' };

export async function coverImage(
  book: Book,
  fonts: EmbeddedFont[],
  options: { cache?: boolean; browser?: () => Promise<FolioBrowser> } = {},
): Promise<CoverImage> {
  if (book.meta.cover) return givenCover(book.root, book.meta.cover);
  const html = await coverHtml(book, fonts);
  const css = await readFile(STYLESHEET, 'utf8');
  const key = createHash('sha256').update(html).update(css);
  for (const font of fonts) key.update(font.data);
  const cached = join(COVER_CACHE, `${key.digest('hex').slice(0, 32)}.jpg`);
  if (options.cache !== false) {
    const data = await readFile(cached).catch(() => undefined);
    if (data) return { data, mediaType: 'image/jpeg', extension: 'jpg' };
  }
  const data = await renderCover(html, css, fonts, options.browser);
  await makeCacheFolder(COVER_CACHE);
  await writeFile(`${cached}.${process.pid}.tmp`, data);
  await rename(`${cached}.${process.pid}.tmp`, cached);
  return { data, mediaType: 'image/jpeg', extension: 'jpg' };
}

async function givenCover(root: string, file: string): Promise<CoverImage> {
  const format = BY_EXTENSION[extname(file).toLowerCase()];
  const extension = format && COVER_EXTENSIONS[format];
  if (!format || !extension) throw new Error(`book.yaml cover: ${file} must be a .jpg or .png image`);
  const path = resolve(root, file);
  // Like the chapters' images: only files of the manuscript go into the book.
  if (!isInside(root, path)) throw new Error(`book.yaml cover: ${file} must be inside the manuscript folder`);
  const data = await readFile(path).catch(() => {
    throw new Error(`book.yaml cover: cannot read ${file}`);
  });
  return { data, mediaType: MEDIA_TYPES[format], extension };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function coverHtml(book: Book, fonts: EmbeddedFont[]): Promise<string> {
  const meta = book.meta;
  const fields: Record<string, string> = {
    // A title written in parts (决胜全面小康 助力文旅发展) breaks between them, not mid-phrase.
    title: meta.title
      .split(/\s+/)
      .map((part) => `<span class="line">${escapeHtml(part)}</span>`)
      .join(' '),
    documentTitle: escapeHtml(meta.title),
    subtitle: escapeHtml(meta.subtitle ?? ''),
    editors: escapeHtml(`${meta.editors.join(' ')} ${LABELS.editors}`),
    publisher: escapeHtml(meta.publisher.name),
    fontFaces: fonts
      .map((font) => `@font-face { font-family: "${font.face.family}"; font-weight: ${font.face.weight}; src: url("fonts/${font.filename}"); }`)
      .join('\n'),
  };
  const template = await readFile(TEMPLATE, 'utf8');
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => fields[name] ?? '');
}

/** Renders with the build's browser when there is one, else (tests) with a browser of its own. */
async function renderCover(html: string, css: string, fonts: EmbeddedFont[], shared?: () => Promise<FolioBrowser>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-cover-'));
  try {
    await mkdir(join(dir, 'fonts'));
    await Promise.all(fonts.map((font) => writeFile(join(dir, 'fonts', font.filename), font.data)));
    await writeFile(join(dir, 'cover.css'), css);
    await writeFile(join(dir, 'cover.html'), html);
    const shoot = async (browser: FolioBrowser) => {
      const page = await browser.newPage([dir]);
      await page.setViewport({ ...COVER_SIZE, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(dir, 'cover.html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const image = await page.screenshot({ type: 'jpeg', quality: 90, clip: { x: 0, y: 0, ...COVER_SIZE } });
      await page.close();
      return Buffer.from(image);
    };
    if (shared) return await shoot(await shared());
    // Loaded here: a cached cover (every rebuild of an unchanged book) needs no puppeteer.
    const { withBrowser } = await import('../browser.ts');
    return await withBrowser(shoot);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
