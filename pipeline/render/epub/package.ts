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
 *   - the zip is written by yazl (Node's zlib), every entry with the build's date.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { EPub, type Chapter, type Options } from 'epub-gen-memory';
import type { ElementContent } from 'hast';
import { ZipFile } from 'yazl';
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

  /**
   * The zip: the library's entries (it renders them into a JSZip), then `files`, written by yazl.
   * JSZip deflates in JavaScript (pako), ~0.2 s for the benchmark book's XHTML and fonts in every
   * build; yazl deflates with Node's zlib, on its thread pool, in ~0.06 s.
   */
  async pack(files: ExtraFile[], date: Date): Promise<Buffer> {
    await this.render();
    this.zip.remove('OEBPS/toc.xhtml');
    const zip = new ZipFile();
    // DOS times are local wall-clock fields: give yazl the build date's UTC fields, so that the bytes
    // do not depend on the time zone of the machine that builds.
    const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
    const entry = { mtime, forceDosTimestamp: true, mode: 0o100644 };
    const add = (path: string, data: Buffer) =>
      // mimetype must be stored; images and woff fonts are compressed already.
      zip.addBuffer(data, path, path === 'mimetype' || ALREADY_COMPRESSED.test(path) ? { ...entry, compress: false } : { ...entry, compressionLevel: 9 });
    for (const [path, file] of Object.entries(this.zip.files)) {
      if (file.dir) zip.addEmptyDirectory(path, { mtime, forceDosTimestamp: true });
      else add(path, await file.async('nodebuffer'));
    }
    for (const file of files) add(`OEBPS/${file.path}`, Buffer.from(file.data));
    zip.end();
    return buffer(zip.outputStream);
  }
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
  return epub.pack(input.files, input.date);
}
