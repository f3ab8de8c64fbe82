/**
 * One report as the print edition lays it out: title, subtitle, authors, 【摘要】, 【关键词】, the text
 * with each note placed where its reference is (Paged.js moves it to the page foot: `float: footnote`),
 * and 作者简介 at the end. The section carries the running head of its recto pages.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Note, TransformedChapter } from '../../book/types.ts';
import { titleId } from '../../transform/heading-ids.ts';
import { forEachCrossLink, linkedId } from '../cross-links.ts';
import { LABELS } from '../labels.ts';

const KEYWORD_SEPARATOR = '；';

/** The stand-in that a chapter's links to `id`, in another chapter, go to: the join points it at `id`'s page (links.ts). */
export function crossLinkName(chapterId: string, id: string): string {
  return `${chapterId}-to-${id}`;
}

export function printChapter(chapter: TransformedChapter): Element {
  const meta = chapter.chapter;
  const body = withPrintedAddresses(withPageNotes(chapter.body, chapter.notes));
  const section = h('section.chapter', { id: chapter.id, dataRunningHead: meta.shortTitle ?? meta.title }, [
    h('header.chapter-head', [
      h('h1.chapter-title', { id: titleId(chapter.id) }, meta.title),
      meta.subtitle ? h('p.chapter-subtitle', [h('span.nobreak', '——'), meta.subtitle]) : undefined,
      meta.authors.length ? h('p.chapter-authors', meta.authors.join('　')) : undefined,
    ]),
    abstract(chapter),
    meta.keywords.length
      ? h('p.keywords', [h('span.part-label', `【${LABELS.keywords}】`), meta.keywords.join(KEYWORD_SEPARATOR)])
      : undefined,
    h('div.chapter-body', body.children as ElementContent[]),
    chapter.bios.length
      ? // Not a heading element: the bios are no section of the report and get no bookmark.
        h('div.bios', [h('p.bios-heading', LABELS.bios), ...structuredClone(chapter.bios)])
      : undefined,
  ]);
  withPageReferences(section, chapter);
  // Chromium links only to a place in the same printed part: a link to another chapter goes to a stand-in
  // (its first link, which links to itself), as the contents' entries do (front.ts).
  const standIns = new Set<string>();
  forEachCrossLink(section, chapter, (link, id) => {
    const name = crossLinkName(chapter.id, id);
    link.properties.href = `#${name}`;
    if (!standIns.has(name)) link.properties.id = name;
    standIns.add(name);
  });
  return section;
}

/**
 * On paper a link inside the book says where its target is printed: 见上文（第 12 页）. The number's box
 * is left blank, wide enough for three digits, because no part knows its pages' folios while it is paginated; the
 * folio sheet prints the target's folio into it (folios.ts). Links to the report's own title and
 * headings, and to another report's (crossLinks), get one; note calls and addresses do not.
 * aria-hidden: the tags read 见上文 as a link to its target; a "（第页）" without its number (which is
 * printed apart) would only be noise, so Chromium leaves the reference out of the tags.
 */
function withPageReferences(tree: Element, chapter: TransformedChapter): void {
  const ownTargets = new Set([titleId(chapter.id), ...chapter.headings.map((heading) => heading.id)]);
  visit(tree, 'element', (node, index, parent) => {
    const id = linkedId(node);
    if (id === undefined || !parent || index === undefined || !(ownTargets.has(id) || chapter.crossLinks.has(id))) return;
    parent.children.splice(index + 1, 0, h('span.page-ref', { ariaHidden: 'true' }, [LABELS.pageReferenceOpen, h('span.page-ref-number', { dataTarget: id }, '0'), LABELS.pageReferenceClose]));
    return index + 2;
  });
}

function abstract(chapter: TransformedChapter): Element | undefined {
  if (chapter.abstract.length === 0) return undefined;
  const [first, ...rest] = structuredClone(chapter.abstract);
  const label = h('span.part-label', `【${LABELS.abstract}】`);
  // The label runs into the first paragraph, as printed: 【摘要】党的十九大提出……
  const opening = first?.type === 'element' && first.tagName === 'p' ? { ...first, children: [label, ...first.children] } : undefined;
  return h('div.abstract', opening ? [opening, ...rest] : [h('p', [label]), ...structuredClone(chapter.abstract)]);
}

/**
 * Replaces each note reference by the note itself, inline (its paragraphs become block spans, since a
 * <p> cannot sit inside a <p>). The first reference carries the note; a repeated reference only a call.
 */
export function withPageNotes(tree: Root, notes: Note[]): Root {
  const copy = structuredClone(tree);
  const byId = new Map(notes.map((note) => [note.id, note]));
  const placed = new Set<string>();
  visit(copy, 'element', (node, index, parent) => {
    if (!parent || index === undefined || !String(node.properties.className ?? '').includes('noteref')) return;
    const id = String(node.properties.href ?? '').replace(/^#/, '');
    const note = byId.get(id);
    if (!note) return;
    const replacement: Element = placed.has(id)
      ? h('span.note-again', { dataNoteId: id, dataNoteNumber: note.number })
      : h('span.footnote', { dataNoteId: id, dataNoteNumber: note.number }, note.content.map(inlineBlock));
    placed.add(id);
    parent.children.splice(index, 1, replacement);
  });
  return copy;
}

/**
 * On paper a link cannot be followed: where its text is not the address itself, the address follows it
 * in brackets, 乐山市人民政府网站（https://www.leshan.gov.cn/）, as text (tagged, and in the fonts).
 * The link stays a link in the PDF.
 */
export function withPrintedAddresses(tree: Root): Root {
  visit(tree, 'element', (node, index, parent) => {
    const address = printedAddress(node);
    if (address === undefined || !parent || index === undefined) return;
    parent.children.splice(index + 1, 0, h('span.address', `（${address}）`));
    return index + 2;
  });
  return tree;
}

/** The address printed after a link, if one is: its fonts must cover it, though the text does not hold it. */
export function printedAddress(node: Element): string | undefined {
  const href = String(node.properties.href ?? '');
  if (node.tagName !== 'a' || !/^(https?|mailto):/i.test(href)) return undefined;
  const address = href.replace(/^mailto:/i, '');
  return toString(node).trim() === address ? undefined : address;
}

function inlineBlock(node: ElementContent): ElementContent {
  if (node.type !== 'element') return structuredClone(node);
  return h('span.note-para', structuredClone(node.children));
}
