/**
 * The body of each XHTML document of the EPUB, as hast: title page, copyright page (shared builders),
 * and one document per report. Notes become EPUB 3 pop-up footnotes: the reference is
 * `<a epub:type="noteref" role="doc-noteref">`, the note an `<aside epub:type="footnote"
 * role="doc-footnote">` at the end of the chapter whose number links back to the reference.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { BookMeta, Note, TransformedChapter } from '../../book/types.ts';
import { copyrightPage, titlePage } from '../front-matter.ts';
import { titleId } from '../../transform/heading-ids.ts';
import { linkAcrossFiles } from '../cross-links.ts';
import { LABELS } from '../labels.ts';
import { rewriteElements } from '../rewrite.ts';
import { FILES } from './navigation.ts';

const KEYWORD_SEPARATOR = '；';

export function titlePageBody(meta: BookMeta): Element[] {
  const page = titlePage(meta);
  // `titlepage` exists as an EPUB structural semantic, not as a DPUB-ARIA role (no `doc-titlepage`).
  delete page.properties.role;
  page.properties['epub:type'] = 'titlepage';
  return [page];
}

export function copyrightPageBody(meta: BookMeta): Element[] {
  const page = copyrightPage(meta);
  page.properties['epub:type'] = 'copyright-page';
  return [page];
}

/** `imageSource` maps the tree's `assets/…` image sources to what the EPUB packager loads. */
export function chapterBody(chapter: TransformedChapter, imageSource: (src: string) => string): Element[] {
  const meta = chapter.chapter;
  const body = epubBody(chapter.body, imageSource);
  const section = h('section.chapter', { 'epub:type': 'chapter', role: 'doc-chapter', ariaLabelledBy: titleId(chapter.id) }, [
    h('header.chapter-head', [
      h('h1.chapter-title', { id: titleId(chapter.id) }, meta.title),
      meta.subtitle ? h('p.chapter-subtitle', [h('span.nobreak', '——'), meta.subtitle]) : undefined,
      meta.authors.length ? h('p.chapter-authors', meta.authors.join(' ')) : undefined,
    ]),
    abstract(chapter),
    meta.keywords.length ? h('p.keywords', [h('span.part-label', `【${LABELS.keywords}】`), meta.keywords.join(KEYWORD_SEPARATOR)]) : undefined,
    ...(body.children as ElementContent[]),
    bios(chapter),
    footnotes(chapter),
  ]);
  return [linkAcrossFiles(section, chapter, (id) => FILES.chapter({ id }))];
}

function abstract(chapter: TransformedChapter): Element | undefined {
  if (chapter.abstract.length === 0) return undefined;
  const [first, ...rest] = structuredClone(chapter.abstract);
  const label = h('span.part-label', `【${LABELS.abstract}】`);
  // The label runs into the first paragraph, as printed: 【摘要】党的十九大提出……
  const opening = first?.type === 'element' && first.tagName === 'p' ? { ...first, children: [label, ...first.children] } : undefined;
  return h(
    'section.abstract',
    { 'epub:type': 'abstract', role: 'doc-abstract', ariaLabel: LABELS.abstract },
    opening ? [opening, ...rest] : [h('p', [label]), ...structuredClone(chapter.abstract)],
  );
}

function bios(chapter: TransformedChapter): Element | undefined {
  if (chapter.bios.length === 0) return undefined;
  const headingId = `${chapter.id}-bios`;
  return h('section.bios', { ariaLabelledBy: headingId }, [h('h2.part-heading', { id: headingId }, LABELS.bios), ...structuredClone(chapter.bios)]);
}

function footnotes(chapter: TransformedChapter): Element | undefined {
  if (chapter.notes.length === 0) return undefined;
  const headingId = `${chapter.id}-notes`;
  return h('section.footnotes', { 'epub:type': 'footnotes', ariaLabelledBy: headingId }, [
    h('h2.part-heading', { id: headingId }, LABELS.notes),
    ...chapter.notes.map(footnote),
  ]);
}

/** The note's number opens its first paragraph and links back to the reference. */
function footnote(note: Note): Element {
  const backlink = h('a.note-backlink', { href: `#${note.refId}`, role: 'doc-backlink' }, String(note.number));
  const [first, ...rest] = structuredClone(note.content);
  const opening = first?.type === 'element' && first.tagName === 'p' ? { ...first, children: [backlink, { type: 'text' as const, value: ' ' }, ...first.children] } : undefined;
  return h('aside.footnote', { id: note.id, 'epub:type': 'footnote', role: 'doc-footnote' }, opening ? [opening, ...rest] : [h('p', [backlink]), ...structuredClone(note.content)]);
}

/** A copy of the chapter's text with EPUB note references and images, and no data-* attributes. */
function epubBody(tree: Root, imageSource: (src: string) => string): Root {
  return rewriteElements(tree, (node) => {
    const data = Object.keys(node.properties).filter((key) => /^data[A-Z]/.test(key));
    const classes = node.properties.className;
    const noteref = node.tagName === 'a' && Array.isArray(classes) && classes.includes('noteref');
    const src = node.tagName === 'img' ? node.properties.src : undefined;
    if (data.length === 0 && !noteref && typeof src !== 'string') return undefined;
    const properties = { ...node.properties };
    for (const key of data) delete properties[key];
    if (noteref) properties['epub:type'] = 'noteref';
    if (typeof src === 'string') properties.src = imageSource(src);
    return { ...node, properties };
  });
}
