import { extname, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { parseDocument, type Document } from 'yaml';
import { BY_EXTENSION, formatOf, readHead } from '../../book/image-format.ts';
import { isInside } from '../../book/load.ts';
import type { Book } from '../../book/types.ts';
import { toMillimetres } from '../../config/page.ts';
import { placeOfPath } from '../../book/yaml-place.ts';
import { locatorOf } from '../report.ts';
import type { BookRule } from '../types.ts';

const id = 'book-metadata';

export function isbn13Valid(isbn: string): boolean {
  const digits = isbn.replace(/[-\s]/g, '');
  if (!/^\d{13}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 12)].reduce((total, d, i) => total + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === Number(digits[12]);
}

/** The cover replaces the generated one in the EPUB, declared by its name: a JPEG or PNG file of the manuscript, as named. */
function coverProblem(root: string, cover: string): string | undefined {
  const named = BY_EXTENSION[extname(cover).toLowerCase()];
  if (named !== 'JPEG' && named !== 'PNG') return `Unexpected cover \`${cover}\`, expected a .jpg or .png image`;
  const path = resolve(root, cover);
  if (!isInside(root, path)) return `Unexpected cover \`${cover}\` outside the manuscript folder, expected a file inside it`;
  const head = readHead(path);
  if (!head) return `Unexpected cover \`${cover}\`: there is no such file`;
  const actual = formatOf(head);
  return actual === named ? undefined : `Unexpected cover \`${cover}\` whose content is ${actual ?? 'no image'}, expected a ${named} file as its name says`;
}

const compact = (text: string) => text.replace(/[\s\-—－]/g, '');

export const bookMetadata: BookRule = {
  kind: 'book',
  id,
  description: 'book.yaml: ISBN-13 check digit, language tag, trim size, CIP record agreeing with the title and ISBN, a cover image as named',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['isbn: 978-7-5643-8148-5', 'language: zh_CN', 'trim: { width: 260mm, height: 185mm }', 'cip: { record: [另一本书 / 毛丹主编. ——ISBN 978-7-5643-8148-6] }'],
    accepts: ['isbn: 978-7-5643-8148-6', 'language: zh-Hans', 'trim: { width: 185mm, height: 260mm }'],
  },
  check: (book: Book, file: VFile) => {
    const { meta } = book;
    // Parsed again only to place a message: a book without one (every build) does not pay for it.
    let doc: Document | undefined;
    const where = locatorOf(file);
    const say = (path: PropertyKey[], reason: string) => {
      doc ??= parseDocument(String(file.value));
      const place = placeOfPath(doc, path, (offset) => where.toPoint(offset));
      file.message(reason, { place, ruleId: id, source: 'folio' });
    };
    if (!isbn13Valid(meta.isbn)) say(['isbn'], `Unexpected ISBN \`${meta.isbn}\` with a wrong check digit, expected a valid ISBN-13`);
    try {
      Intl.getCanonicalLocales(meta.language);
    } catch {
      say(['language'], `Unexpected language tag \`${meta.language}\`, expected a BCP 47 tag such as zh-Hans`);
    }
    const width = toMillimetres(meta.trim.width);
    const height = toMillimetres(meta.trim.height);
    if (!(width >= 90 && width <= 300 && height >= 120 && height <= 420)) {
      say(['trim'], `Unexpected trim size ${meta.trim.width} × ${meta.trim.height}, expected a book size such as 185mm × 260mm`);
    } else if (width >= height) {
      say(['trim'], `Unexpected trim ${meta.trim.width} wide and ${meta.trim.height} high, expected a portrait page (width < height)`);
    }
    const cover = meta.cover && coverProblem(book.root, meta.cover);
    if (cover) say(['cover'], cover);
    const record = meta.cip.record;
    if (!record) return;
    const text = compact(record.join(''));
    if (!text.includes(compact(meta.title))) say(['cip', 'record'], `Unexpected CIP record without the title 《${meta.title}》, expected it to start with the title`);
    const isbns = [...record.join(' ').matchAll(/ISBN\s*([\d-]{13,17})/g)].map((m) => m[1]!);
    if (isbns.length === 0) say(['cip', 'record'], `Unexpected CIP record without the ISBN, expected \`ISBN ${meta.isbn}\``);
    for (const isbn of isbns) {
      if (compact(isbn) !== compact(meta.isbn)) say(['cip', 'record'], `Unexpected ISBN ${isbn} in the CIP record, expected ${meta.isbn} (the book's \`isbn\`)`);
    }
  },
};
