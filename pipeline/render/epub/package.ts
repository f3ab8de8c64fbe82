/**
 * Packs the EPUB with epub-gen-memory 1.1.2 (pinned: this wrapper leans on its internals, and
 * tests/epub checks what it relies on), made reproducible and Chinese:
 *   - folio's own templates (templates/epub: content.opf, toc.ncx, chapter.xhtml) replace the library's,
 *     which hard-code `xml:lang="en"`, `new Date()` and a random uuid;
 *   - documents the library cannot express are added to its zip before it is generated (the cover page,
 *     whose <img> the library would rename to a random id, the fonts and their licences, the cover image);
 *     its own toc.xhtml is removed (nav.xhtml is one of the documents);
 *   - folio writes each document's XHTML itself (xhtml.ts): the library would parse it again and write
 *     every non-ASCII character as a character reference; it gets the chapters empty and their XHTML
 *     after, with the images named in order (the library names them by random uuids);
 *   - every zip entry gets the build's date.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EPub, type Chapter, type Options } from 'epub-gen-memory';
import type { ElementContent } from 'hast';
import JSZip from 'jszip';
import { TEMPLATES } from '../../paths.ts';
import { packageImages, type PackageImage, xhtmlBody } from './xhtml.ts';

const EPUB_TEMPLATES = join(TEMPLATES, 'epub');

export interface PackageDocument {
  filename: string;
  title: string;
  /** What <body> holds. */
  body: ElementContent[];
  /** epub:type of <body>, e.g. `bodymatter`. */
  bodyType?: string;
}

export interface ExtraFile {
  /** Path inside OEBPS/. */
  path: string;
  data: string | Buffer;
}

export interface PackageInput {
  title: string;
  lang: string;
  css: string;
  documents: PackageDocument[];
  /** Files written as they are (cover page, images, fonts, licences). */
  files: ExtraFile[];
  /** Data the content.opf and toc.ncx templates read as `folio`. */
  templateData: Record<string, unknown>;
  /** Date of every zip entry. */
  date: Date;
  /**
   * Where the deflated zip entries of the fonts are kept between builds. JSZip deflates in
   * JavaScript: the benchmark book's 1.2 MB of fonts took ~0.35 s of every build, for the same bytes.
   */
  deflatedCache?: string;
}

/** Everything the library's templates would receive from options; `folio` is ours. */
type FolioOptions = Options & { folio: Record<string, unknown> };
type FolioChapter = Chapter & { bodyType: string };

const ALREADY_COMPRESSED = /\.(woff2?|png|jpe?g|gif|webp)$/i;

class ReproducibleEPub extends EPub {
  /** The chapters' XHTML, and the images it names, given after the library read the chapters empty. */
  setContent(xhtml: string[], images: PackageImage[]): void {
    this.content.forEach((chapter, index) => (chapter.content = xhtml[index]!));
    this.images.push(...images);
  }

  async pack(files: ExtraFile[], date: Date, deflatedCache?: string): Promise<Buffer> {
    await this.render();
    this.zip.remove('OEBPS/toc.xhtml');
    for (const file of files) {
      const path = `OEBPS/${file.path}`;
      // Images and woff fonts are compressed already: deflating them again took most of the packing time.
      if (ALREADY_COMPRESSED.test(file.path)) this.zip.file(path, file.data, { compression: 'STORE' });
      // A zip read in keeps its entries compressed, and JSZip writes them out as they are.
      else if (deflatedCache && FONT.test(file.path)) await this.zip.loadAsync(await deflatedEntry(path, file.data, deflatedCache));
      else this.zip.file(path, file.data);
    }
    for (const entry of Object.values(this.zip.files)) {
      entry.date = date;
      entry.unixPermissions = null;
      entry.dosPermissions = null;
    }
    return this.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
      platform: 'DOS',
    });
  }
}

/** The files whose deflated entry is cached: the same font cut deflates to the same bytes in every build. */
const FONT = /\.(ttf|otf)$/i;

/** A one-entry zip holding `data` deflated at `path`: from the cache, or deflated once and cached. */
async function deflatedEntry(path: string, data: string | Buffer, cacheDir: string): Promise<Buffer> {
  const cached = join(cacheDir, `${createHash('sha256').update(path).update(data).digest('hex').slice(0, 32)}.zip`);
  const found = await readFile(cached).catch(() => undefined);
  if (found) return found;
  const zip = new JSZip();
  zip.file(path, data);
  const entry = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
  await mkdir(cacheDir, { recursive: true });
  await writeFile(`${cached}.${process.pid}.tmp`, entry);
  await rename(`${cached}.${process.pid}.tmp`, cached);
  return entry;
}

const template = (name: string) => readFile(join(EPUB_TEMPLATES, name), 'utf8');

/**
 * Packs `input`. `templateData` may be completed once the image list is known: `withImages` receives
 * the images the chapters use (href, media type) and returns the data for content.opf and toc.ncx.
 */
export async function packEpub(
  input: Omit<PackageInput, 'templateData'>,
  withImages: (images: Array<{ url: string; href: string; mediaType: string }>) => Record<string, unknown>,
): Promise<Buffer> {
  const templateData: Record<string, unknown> = {};
  const options: FolioOptions = {
    title: input.title,
    lang: input.lang,
    css: input.css,
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    tocInTOC: false,
    chapterXHTML: await template('chapter.xhtml.ejs'),
    contentOPF: await template('content.opf.ejs'),
    tocNCX: await template('toc.ncx.ejs'),
    tocXHTML: ' ',
    ignoreFailedDownloads: false,
    verbose: false,
    folio: templateData,
  };
  const chapters: FolioChapter[] = input.documents.map((document) => ({
    title: document.title,
    content: '',
    filename: document.filename,
    bodyType: document.bodyType ?? '',
  }));
  const epub = new ReproducibleEPub(options, chapters);
  const { bodies, images } = packageImages(input.documents.map((document) => document.body));
  epub.setContent(
    bodies.map((body, index) => xhtmlBody(body, input.documents[index]!.bodyType)),
    images,
  );
  Object.assign(templateData, withImages(images.map((image) => ({ url: image.url, href: `images/${image.id}.${image.extension}`, mediaType: image.mediaType }))));
  return epub.pack(input.files, input.date, input.deflatedCache);
}
