/**
 * One report as an <article>: title, subtitle, authors, 【摘要】, 【关键词】, the text with its note
 * pop-ups, 作者简介 and the endnotes. `level` is the rank of the title: 1 on a chapter's own page,
 * 2 in the single-page book (below the book's h1), every heading of the text shifted to match.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { TransformedChapter } from '../../book/types.ts';
import { titleId } from '../../transform/heading-ids.ts';
import { LABELS } from '../labels.ts';
import { rewriteElements } from '../rewrite.ts';
import { endnotes, withNotePopups } from './notes.ts';

const KEYWORD_SEPARATOR = '；';

export function chapterArticle(chapter: TransformedChapter, level: 1 | 2): Element {
  const meta = chapter.chapter;
  const body = shiftHeadings(withNotePopups(chapter.body, chapter.notes), level - 1);
  return h('article.chapter', { id: chapter.id, ariaLabelledBy: titleId(chapter.id) }, [
    h('header.chapter-head', [
      h(`h${level}.chapter-title`, { id: titleId(chapter.id) }, meta.title),
      meta.subtitle ? h('p.chapter-subtitle', [h('span.nobreak', '——'), meta.subtitle]) : undefined,
      meta.authors.length ? h('p.chapter-authors', meta.authors.flatMap((author, i) => (i ? [' ', h('span.author', author)] : [h('span.author', author)]))) : undefined,
    ]),
    abstract(chapter),
    meta.keywords.length
      ? h('p.keywords', [h('span.part-label', `【${LABELS.keywords}】`), meta.keywords.join(KEYWORD_SEPARATOR)])
      : undefined,
    h('div.chapter-body', body.children as ElementContent[]),
    bios(chapter, level + 1),
    endnotes(chapter, level + 1),
  ]);
}

function abstract(chapter: TransformedChapter): Element | undefined {
  if (chapter.abstract.length === 0) return undefined;
  const [first, ...rest] = structuredClone(chapter.abstract);
  const labelId = `${chapter.id}-abstract`;
  const label = h('span.part-label', { id: labelId }, `【${LABELS.abstract}】`);
  // The label runs into the first paragraph, as printed: 【摘要】党的十九大提出……
  const opening = first?.type === 'element' && first.tagName === 'p' ? { ...first, children: [label, ...first.children] } : undefined;
  // Named with the chapter's title too: the single-page book holds one abstract per report.
  return h('section.abstract', { role: 'doc-abstract', ariaLabelledBy: `${labelId} ${titleId(chapter.id)}` }, opening ? [opening, ...rest] : [h('p', [label]), ...chapter.abstract]);
}

function bios(chapter: TransformedChapter, level: number): Element | undefined {
  if (chapter.bios.length === 0) return undefined;
  const headingId = `${chapter.id}-bios`;
  // Named with the chapter's title too: in the single-page book every report has its 作者简介 region.
  return h('section.bios', { ariaLabelledBy: `${headingId} ${titleId(chapter.id)}` }, [h(`h${level}`, { id: headingId }, LABELS.bios), ...chapter.bios]);
}

function shiftHeadings(tree: Root, by: number): Root {
  if (by === 0) return tree;
  return rewriteElements(tree, (node) => {
    const match = /^h([1-6])$/.exec(node.tagName);
    return match ? { ...node, tagName: `h${Math.min(6, Number(match[1]) + by)}` } : undefined;
  });
}
