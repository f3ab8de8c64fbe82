/**
 * The EPUB 3 edition: `dist/<slug>.epub`.
 *   documents (title page, copyright page, contents, one per report) -> the characters they print
 *   -> fonts cut to those characters -> cover image -> stylesheet -> package (reproducible zip)
 *
 * The file is named from the ISBN (`folio-9787564381486.epub`): always ASCII, and it does not change
 * when the title is edited, unlike a slug of title_pinyin.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { Edition, EditionContext, TransformedBook } from '../../book/types.ts';
import { LABELS } from '../labels.ts';
import { writeAtomic } from '../write.ts';
import { coverImage } from './cover.ts';
import { chapterBody, copyrightPageBody, titlePageBody } from './documents.ts';
import { EMBEDDED_FAMILY, embeddedFonts, facesUsed } from './fonts.ts';
import { metadata } from './metadata.ts';
import { FILES, navigationDepth, navigationDocument, navigationEntries } from './navigation.ts';
import { type ExtraFile, type PackageDocument, packEpub } from './package.ts';
import { epubStylesheet } from './stylesheet.ts';
import { bookSlug } from '../slug.ts';
import { addCharactersOf } from '../../transform/characters.ts';

export interface EpubOptions {
  /** Where font cuts are cached (default node_modules/.cache/folio/fonts). */
  fontCacheDir?: string;
  /** false: render the cover even when a cached one exists (the reproducibility test). */
  coverCache?: boolean;
}

export async function buildEpub(
  transformed: TransformedBook,
  context: Pick<EditionContext, 'sourceDate' | 'progress'> & Partial<Pick<EditionContext, 'browser'>>,
  options: EpubOptions = {},
): Promise<Buffer> {
  const { book } = transformed;
  const meta = book.meta;
  const assets = new Map<string, string>();
  for (const chapter of transformed.chapters) for (const [href, path] of chapter.assets) assets.set(href, path);
  const imageSource = (src: string) => (assets.has(src) ? pathToFileURL(assets.get(src)!).href : src);

  // book.yaml toc.depth limits the section levels listed; by default all four (一、 to （1）) are.
  const entries = navigationEntries(transformed, meta.toc?.depth ?? 4);
  const firstChapter = transformed.chapters[0];
  const documents: PackageDocument[] = [
    { filename: FILES.titlePage, title: meta.title, body: titlePageBody(meta) },
    { filename: FILES.copyright, title: LABELS.copyright, body: copyrightPageBody(meta) },
    { filename: FILES.nav, title: LABELS.contents, body: navigationDocument(entries, firstChapter ? FILES.chapter(firstChapter) : undefined) },
    ...transformed.chapters.map((chapter) => ({
      filename: FILES.chapter(chapter),
      title: chapter.chapter.title,
      body: chapterBody(chapter, imageSource),
      bodyType: 'bodymatter',
    })),
  ];

  const printed = addCharactersOf(new Set(), documents.flatMap((document) => document.body));
  const stats = { slices: 0, cached: 0 };
  const started = performance.now();
  const fonts = await embeddedFonts(facesUsed(elementsUsed(documents)), printed, { cacheDir: options.fontCacheDir, stats });
  context.progress(`epub: ${fonts.length} fonts for ${printed.size} characters (${stats.cached}/${stats.slices} slice cuts cached)`);
  const fontsDone = performance.now();
  const cover = await coverImage(book, fonts, { cache: options.coverCache, browser: context.browser });
  const coverDone = performance.now();
  const css = await epubStylesheet(fonts, classesOf(documents));

  // Faces share licence texts (Noto Serif and Noto Sans: the same OFL): one file per distinct text,
  // named after the fonts it covers.
  const familiesByLicence = new Map<string, Set<string>>();
  for (const font of fonts) {
    const text = await readFile(font.face.licence, 'utf8');
    familiesByLicence.set(text, (familiesByLicence.get(text) ?? new Set()).add(EMBEDDED_FAMILY[font.face.role]));
  }
  const licenceFiles: ExtraFile[] = [...familiesByLicence].map(([data, families]) => ({ path: `fonts/OFL-${[...families].join('-')}.txt`, data }));
  const coverPath = `images/cover.${cover.extension}`;
  const files: ExtraFile[] = [
    { path: FILES.cover, data: coverPage(meta.language, meta.title, coverPath) },
    { path: coverPath, data: cover.data },
    ...fonts.map((font) => ({ path: `fonts/${font.filename}`, data: font.data })),
    ...licenceFiles,
  ];

  const epub = await packEpub(
    {
      title: meta.title,
      lang: meta.language,
      css,
      date: context.sourceDate,
      files,
      documents,
    },
    (images) =>
      metadata(transformed, {
        uuidUrn: uuidFromIsbn(meta.isbn),
        modified: context.sourceDate,
        documents: documents.map((document) => document.filename),
        cover: { href: coverPath, mediaType: cover.mediaType },
        images,
        fonts: fonts.map((font) => `fonts/${font.filename}`),
        licences: licenceFiles.map((file) => file.path),
        navigation: entries,
        ncxDepth: navigationDepth(entries),
      }),
  );
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
  context.progress(`epub: fonts ${seconds(started, fontsDone)}, cover ${seconds(fontsDone, coverDone)}, package ${seconds(coverDone, performance.now())}`);
  return epub;
}

export const edition: Edition = {
  name: 'epub',
  async render(transformed: TransformedBook, context: EditionContext): Promise<string[]> {
    const epub = await buildEpub(transformed, context);
    const path = join(context.outDir, `${bookSlug(transformed.book.meta)}.epub`);
    await writeAtomic(path, epub, context.signal);
    return [path];
  },
};

/** Classes the documents use, and `cover` of the cover page written apart. */
function classesOf(documents: PackageDocument[]): Set<string> {
  const classes = new Set<string>(['cover']);
  for (const document of documents) {
    for (const node of document.body) {
      visit(node, 'element', (element: Element) => {
        const names = element.properties.className;
        if (Array.isArray(names)) for (const name of names) classes.add(String(name));
      });
    }
  }
  return classes;
}

/** Whether the documents hold bold text or code: each needs a face of its own. */
function elementsUsed(documents: PackageDocument[]): { boldBody: boolean; code: boolean } {
  const used = { boldBody: false, code: false };
  for (const document of documents) {
    for (const node of document.body) {
      visit(node, 'element', (element: Element) => {
        if (element.tagName === 'strong' || element.tagName === 'b') used.boldBody = true;
        if (['code', 'kbd', 'samp', 'pre'].includes(element.tagName)) used.code = true;
      });
    }
  }
  return used;
}

/** A name-based UUID (RFC 4122 version 5 layout) from the ISBN: the same book always gets the same one. */
export function uuidFromIsbn(isbn: string): string {
  const bytes = createHash('sha1').update(`urn:isbn:${isbn.replace(/\D/g, '')}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The cover document, written as it is: the library would rename its image to a random id. */
function coverPage(lang: string, title: string, imageHref: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head>
  <meta charset="UTF-8" />
  <title>${escape(LABELS.cover)}</title>
  <link rel="stylesheet" type="text/css" href="style.css" />
</head>
<body class="cover" epub:type="cover">
  <section class="cover" epub:type="cover">
    <img src="${imageHref}" alt="${escape(`${LABELS.cover}：${title}`)}" role="doc-cover" />
  </section>
</body>
</html>
`;
}
