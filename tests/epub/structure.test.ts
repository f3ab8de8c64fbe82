/**
 * The EPUB, unpacked and read back: package metadata, navigation, footnotes, languages, file order.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransformedBook } from '../../pipeline/book/types.ts';
import { BOOKS, build, transformed, type Unpacked, unpack } from './book.ts';

const XHTML = 'http://www.w3.org/1999/xhtml';
const EPUB_NS = 'http://www.idpf.org/2007/ops';
const DC = 'http://purl.org/dc/elements/1.1/';
const OPF = 'http://www.idpf.org/2007/opf';

const parse = (text: string): Document => new DOMParser().parseFromString(text, 'application/xml');
const all = (node: Document | Element, namespace: string, name: string): Element[] => Array.from(node.getElementsByTagNameNS(namespace, name));
const text = (node: Element): string => node.textContent ?? '';

describe.each(BOOKS)('EPUB of $name', ({ name, dir }) => {
  let book: TransformedBook;
  let epub: Unpacked;
  let opf: Document;
  const metas = (property: string) => all(opf, OPF, 'meta').filter((meta) => meta.getAttribute('property') === property);
  const refinement = (id: string, property: string) =>
    all(opf, OPF, 'meta').find((meta) => meta.getAttribute('refines') === `#${id}` && meta.getAttribute('property') === property);

  beforeAll(async () => {
    book = await transformed(dir);
    epub = await unpack(await build(book), `structure-${name}`);
    opf = parse(epub.text('OEBPS/content.opf'));
  });

  it('starts with an uncompressed mimetype and has one XHTML file per chapter plus cover, title page, copyright page and contents', () => {
    expect([...epub.files.keys()][0]).toBe('mimetype');
    expect(epub.text('mimetype')).toBe('application/epub+zip');
    const xhtml = [...epub.files.keys()].filter((path) => path.endsWith('.xhtml')).map((path) => path.replace('OEBPS/', '')).sort();
    expect(xhtml).toEqual(['copyright.xhtml', 'cover.xhtml', 'nav.xhtml', 'title.xhtml', ...book.chapters.map((c) => `${c.id}.xhtml`)].sort());
    const spine = all(opf, OPF, 'itemref').map((ref) => ref.getAttribute('idref'));
    expect(spine).toEqual(['cover-page', 'title', 'copyright', 'nav', ...book.chapters.map((c) => c.id)]);
  });

  it('says zh-Hans on the package and on every XHTML document', () => {
    expect(opf.documentElement!.getAttribute('xml:lang')).toBe('zh-Hans');
    expect(all(opf, DC, 'language').map(text)).toEqual(['zh-Hans']);
    for (const [path, data] of epub.files) {
      if (!path.endsWith('.xhtml')) continue;
      const html = parse(data.toString('utf8')).documentElement!;
      expect(html.getAttribute('lang'), path).toBe('zh-Hans');
      expect(html.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'), path).toBe('zh-Hans');
      expect(data.toString('utf8'), `${path} keeps no character references for hanzi`).not.toMatch(/&#x[4-9][0-9a-f]{3};/i);
    }
  });

  it('carries the metadata of book.yaml', () => {
    const meta = book.book.meta;
    const identifiers = all(opf, DC, 'identifier');
    const unique = opf.documentElement!.getAttribute('unique-identifier');
    expect(identifiers.find((id) => id.getAttribute('id') === unique)?.textContent).toBe(`urn:isbn:${meta.isbn.replace(/-/g, '')}`);
    expect(identifiers.map(text)).toContainEqual(expect.stringMatching(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/));

    const titles = all(opf, DC, 'title');
    const main = titles.find((t) => refinement(t.getAttribute('id')!, 'title-type')?.textContent === 'main');
    expect(main && text(main)).toBe(meta.title);
    if (meta.subtitle) {
      const subtitle = titles.find((t) => refinement(t.getAttribute('id')!, 'title-type')?.textContent === 'subtitle');
      expect(subtitle && text(subtitle)).toBe(meta.subtitle);
    }

    const creators = all(opf, DC, 'creator');
    expect(creators.map(text)).toEqual(meta.editors);
    for (const creator of creators) {
      const role = refinement(creator.getAttribute('id')!, 'role');
      expect(role?.textContent).toBe('edt');
      expect(role?.getAttribute('scheme')).toBe('marc:relators');
    }
    const authors = [...new Set(book.chapters.flatMap((c) => c.chapter.authors))];
    expect(all(opf, DC, 'contributor').map(text)).toEqual(authors);

    expect(all(opf, DC, 'publisher').map(text)).toEqual([meta.publisher.name]);
    expect(all(opf, DC, 'date').map(text)).toEqual([meta.date]);
    expect(metas('dcterms:modified').map(text)).toEqual([sourceDateOf(meta.date)]);
    expect(text(all(opf, DC, 'description')[0]!)).not.toBe('');
    expect(all(opf, DC, 'subject').map(text)).toEqual([...(meta.cip.subjects ?? []), meta.cip.classification]);

    expect(metas('schema:accessMode').map(text)).toContain('textual');
    expect(metas('schema:accessModeSufficient').map(text)).toContain('textual');
    expect(metas('schema:accessibilityFeature').map(text)).toEqual(expect.arrayContaining(['structuralNavigation', 'tableOfContents', 'readingOrder']));
    expect(metas('schema:accessibilityHazard').map(text)).toEqual(['none']);
    expect(text(metas('schema:accessibilitySummary')[0]!)).not.toBe('');
  });

  it('lists every chapter and every section in order in nav.xhtml, each with its authors, and the landmarks', () => {
    const levels = (book.book.meta.toc?.depth ?? 4) + 1;
    const sections = (chapter: TransformedBook['chapters'][number]) => chapter.headings.filter((heading) => heading.depth <= levels);
    const nav = parse(epub.text('OEBPS/nav.xhtml'));
    const navs = all(nav, XHTML, 'nav');
    const toc = navs.find((n) => n.getAttributeNS(EPUB_NS, 'type') === 'toc')!;
    const links = all(toc, XHTML, 'a').map((a) => a.getAttribute('href'));
    const expected = [
      'cover.xhtml',
      'title.xhtml',
      'copyright.xhtml',
      ...book.chapters.flatMap((chapter) => [`${chapter.id}.xhtml`, ...sections(chapter).map((heading) => `${chapter.id}.xhtml#${heading.id}`)]),
    ];
    expect(links).toEqual(expected);
    for (const chapter of book.chapters) {
      const link = all(toc, XHTML, 'a').find((a) => a.getAttribute('href') === `${chapter.id}.xhtml`)!;
      for (const author of chapter.chapter.authors) expect(text(link)).toContain(author);
      // Sections nest below their chapter: the chapter's <li> holds them.
      const item = link.parentNode as Element;
      const nested = all(item, XHTML, 'a').map((a) => a.getAttribute('href'));
      expect(nested.slice(1)).toEqual(sections(chapter).map((heading) => `${chapter.id}.xhtml#${heading.id}`));
    }
    // Every target exists.
    for (const href of expected) {
      const [file, id] = href.split('#');
      const doc = parse(epub.text(`OEBPS/${file}`));
      if (id) expect(all(doc, XHTML, '*').some((el) => el.getAttribute('id') === id), href).toBe(true);
    }
    const landmarks = navs.find((n) => n.getAttributeNS(EPUB_NS, 'type') === 'landmarks')!;
    const types = all(landmarks, XHTML, 'a').map((a) => a.getAttributeNS(EPUB_NS, 'type'));
    expect(types).toEqual(expect.arrayContaining(['cover', 'toc', 'bodymatter']));

    const ncx = parse(epub.text('OEBPS/toc.ncx'));
    const sources = all(ncx, 'http://www.daisy.org/z3986/2005/ncx/', 'content').map((c) => c.getAttribute('src'));
    expect(sources).toEqual([expected[0], expected[1], expected[2], 'nav.xhtml#toc', ...expected.slice(3)]);
    const uid = all(ncx, 'http://www.daisy.org/z3986/2005/ncx/', 'meta').find((m) => m.getAttribute('name') === 'dtb:uid');
    expect(uid?.getAttribute('content')).toBe(`urn:isbn:${book.book.meta.isbn.replace(/-/g, '')}`);
  });

  it('uses only roles DPUB-ARIA defines', () => {
    // The doc-* roles of DPUB-ARIA 1.1 (axe-core's list).
    const roles = new Set(['doc-abstract', 'doc-acknowledgments', 'doc-afterword', 'doc-appendix', 'doc-backlink', 'doc-biblioentry', 'doc-bibliography', 'doc-biblioref', 'doc-chapter', 'doc-colophon', 'doc-conclusion', 'doc-cover', 'doc-credit', 'doc-credits', 'doc-dedication', 'doc-endnote', 'doc-endnotes', 'doc-epigraph', 'doc-epilogue', 'doc-errata', 'doc-example', 'doc-footnote', 'doc-foreword', 'doc-glossary', 'doc-glossref', 'doc-index', 'doc-introduction', 'doc-noteref', 'doc-notice', 'doc-pagebreak', 'doc-pagelist', 'doc-part', 'doc-preface', 'doc-prologue', 'doc-pullquote', 'doc-qna', 'doc-subtitle', 'doc-tip', 'doc-toc']);
    for (const [path, data] of epub.files) {
      if (!path.endsWith('.xhtml')) continue;
      for (const element of all(parse(data.toString('utf8')), XHTML, '*')) {
        const role = element.getAttribute('role');
        if (role?.startsWith('doc-')) expect(roles.has(role), `${path}: role ${role}`).toBe(true);
      }
    }
  });

  it('makes every note a pop-up footnote that links back to its reference in the same file', () => {
    for (const chapter of book.chapters) {
      const doc = parse(epub.text(`OEBPS/${chapter.id}.xhtml`));
      const elements = all(doc, XHTML, '*');
      const byId = new Map(elements.filter((el) => el.getAttribute('id')).map((el) => [el.getAttribute('id')!, el]));
      const refs = all(doc, XHTML, 'a').filter((a) => a.getAttributeNS(EPUB_NS, 'type') === 'noteref');
      const asides = all(doc, XHTML, 'aside').filter((a) => a.getAttributeNS(EPUB_NS, 'type') === 'footnote');
      expect(refs.length, chapter.id).toBe(chapter.notes.length);
      expect(asides.length, chapter.id).toBe(chapter.notes.length);
      refs.forEach((ref, index) => {
        expect(ref.getAttribute('role')).toBe('doc-noteref');
        expect(text(ref)).toBe(String(index + 1)); // numbered per chapter, in order
        const target = byId.get(ref.getAttribute('href')!.replace(/^#/, ''));
        expect(target?.localName, ref.getAttribute('href')!).toBe('aside');
        expect(target!.getAttribute('role')).toBe('doc-footnote');
        const back = all(target!, XHTML, 'a').find((a) => a.getAttribute('href') === `#${ref.getAttribute('id')}`);
        expect(back, `${ref.getAttribute('href')} links back`).toBeDefined();
        expect(text(back!)).toBe(String(index + 1));
      });
    }
  });
});

/** The build's fixed date (book.yaml date, no SOURCE_DATE_EPOCH) as dcterms:modified writes it. */
function sourceDateOf(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year}-${month}-${day ?? '01'}T00:00:00Z`;
}
