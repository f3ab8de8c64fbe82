/**
 * The generated front matter, built once as hast for every edition: the title page, the copyright page
 * (CIP block in GB/T 12451 order and the imprint) and the contents list of an anthology (each report
 * with subtitle and authors, sections below it). Nothing here is typed by hand in the manuscript.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookMeta, TransformedBook, TransformedChapter } from '../book/types.ts';
import { chineseDate, LABELS } from './labels.ts';

/** `185mm` -> `185 mm`, as printed in the imprint. */
const spacedLength = (length: string) => length.replace(/^([\d.]+)\s*/, '$1 ');

export function titlePage(meta: BookMeta): Element {
  // No role: DPUB-ARIA has no title-page role (`doc-titlepage` is invalid ARIA, a critical axe violation); the EPUB sets epub:type.
  return h('section.title-page', { ariaLabel: LABELS.titlePage }, [
    h('h1.book-title', meta.title),
    meta.subtitle ? h('p.book-subtitle', meta.subtitle) : undefined,
    h('p.book-editors', `${meta.editors.join(' ')} ${LABELS.editors}`),
    h('p.book-publisher', [h('span.publisher-name', meta.publisher.name), h('span.publisher-place', `· ${meta.publisher.place} ·`)]),
  ]);
}

/** The CIP record lines: as given in book.yaml, or composed from the metadata in GB/T 12451 order. */
export function cipRecord(meta: BookMeta): string[] {
  if (meta.cip.record?.length) return meta.cip.record;
  const year = meta.date.replace('-', '.').replace(/\.0(\d)/, '.$1');
  const title = meta.subtitle ? `${meta.title}：${meta.subtitle}` : meta.title;
  return [
    `${title} / ${meta.editors.join('，')}${LABELS.editors}. —— ${meta.publisher.place}：${meta.publisher.name}，${year}`,
    `ISBN ${meta.isbn}`,
    ...(meta.cip.subjects ?? []),
    meta.cip.classification,
  ];
}

export function copyrightPage(meta: BookMeta): Element {
  const imprint = meta.imprint;
  const rows: Array<[string, string | undefined]> = [
    [LABELS.responsibleEditor, imprint.responsible_editor],
    [LABELS.assistantEditor, imprint.assistant_editor],
    [LABELS.coverDesign, imprint.cover_design],
    [LABELS.publisher, meta.publisher.address ? `${meta.publisher.name}（${meta.publisher.address}）` : meta.publisher.name],
    [LABELS.phone, meta.publisher.phone?.join(' ')],
    [LABELS.postcode, meta.publisher.postcode],
    [LABELS.website, meta.publisher.website],
    [LABELS.printer, imprint.printer],
    [LABELS.trim, `${spacedLength(meta.trim.width)} × ${spacedLength(meta.trim.height)}`],
    [LABELS.sheets, imprint.sheets?.toFixed(2)],
    [LABELS.words, imprint.words],
    [LABELS.editionLine, `${chineseDate(meta.edition.date ?? meta.date)}第${meta.edition.number}版`],
    [LABELS.printingLine, `${chineseDate(meta.edition.printing_date ?? meta.date)}第${meta.edition.printing}次`],
    [LABELS.isbn, `ISBN ${meta.isbn}`],
    [LABELS.price, imprint.price],
  ];
  return h('section.copyright-page', { ariaLabel: LABELS.copyright }, [
    h('div.cip', [
      h('p.cip-heading', LABELS.cipHeading),
      h('div.cip-record', cipRecord(meta).map((line) => h('p', line))),
      h('p.cip-number', LABELS.cipNumber(meta.cip.number)),
    ]),
    h(
      'dl.imprint',
      rows.filter((row): row is [string, string] => Boolean(row[1])).flatMap(([term, value]) => [h('dt', term), h('dd', value)]),
    ),
    meta.imprint.notices?.length ? h('div.notices', meta.imprint.notices.map((line) => h('p', line))) : undefined,
  ]);
}

export interface ContentsOptions {
  /** Deepest heading level listed below a chapter: 2 = 一、 (default), 3 = （一）. */
  depth: number;
  /** Link to a chapter (heading id absent) or to a section of it. */
  href: (chapter: TransformedChapter, headingId?: string) => string;
  /** Printed page numbers, by chapter id (print edition only). */
  pages?: Map<string, number>;
}

/** The contents of an anthology: report title, subtitle, authors, and sections to `depth`. */
export function contentsList(book: TransformedBook, options: ContentsOptions): Element {
  const items = book.chapters.map((chapter) => {
    const meta = chapter.chapter;
    const page = options.pages?.get(chapter.id);
    const sections = chapter.headings.filter((heading) => heading.depth <= options.depth);
    const entry: ElementContent[] = [
      h('a.toc-title', { href: options.href(chapter) }, meta.title),
      page !== undefined ? h('span.toc-page', String(page)) : undefined,
    ].filter((node): node is Element => node !== undefined);
    return h('li.toc-chapter', [
      h('div.toc-entry', entry),
      meta.subtitle ? h('p.toc-subtitle', `——${meta.subtitle}`) : undefined,
      meta.authors.length ? h('p.toc-authors', meta.authors.join(' ')) : undefined,
      sections.length
        ? h(
            'ol.toc-sections',
            sections.map((heading) => h(`li.toc-depth-${heading.depth}`, [h('a', { href: options.href(chapter, heading.id) }, heading.text)])),
          )
        : undefined,
    ]);
  });
  return h('nav.toc', { role: 'doc-toc' as string, ariaLabelledBy: 'toc-heading' }, [h('h2#toc-heading', LABELS.contents), h('ol.toc-chapters', items)]);
}
