/**
 * Footnotes of the HTML edition, readable without leaving the line and without JavaScript.
 *
 * Each reference `a.noteref` gets a copy of its note right after it (`span.note-popup`); CSS shows the
 * copy as a side note in the margin on wide screens, as a pop-up on hover/focus at medium widths and
 * in the flow of the text on a phone. The copy is aria-hidden and holds no link (nothing focusable is
 * hidden from assistive technology): the real notes are the endnotes list, `role="doc-endnotes"`,
 * each note `role="doc-footnote"` with a link back to its reference.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Note, TransformedChapter } from '../../book/types.ts';
import { titleId } from '../../transform/heading-ids.ts';
import { LABELS } from '../labels.ts';
import { rewriteElements } from '../rewrite.ts';

/** `body` with every note reference followed by its pop-up / side note (a copy; `body` is left as it is). */
export function withNotePopups(body: Root, notes: Note[]): Root {
  const byId = new Map(notes.map((note) => [note.id, note]));
  return rewriteElements(body, (node) => {
    const note = isNoteReference(node) ? byId.get(String(node.properties.href).slice(1)) : undefined;
    return note && h('span.noteref-group', [node, popup(note)]);
  });
}

function isNoteReference(node: Element): boolean {
  const classes = node.properties.className;
  return node.tagName === 'a' && Array.isArray(classes) && classes.includes('noteref');
}

function popup(note: Note): Element {
  return h('span.note-popup', { ariaHidden: 'true' }, [h('span.note-popup-number', String(note.number)), ...note.content.map(toPhrasing)]);
}

/** Note paragraphs become spans (a <p> cannot sit inside a <p>); links become plain text (nothing focusable). */
function toPhrasing(node: ElementContent): ElementContent {
  if (node.type !== 'element') return node;
  const phrasing = node.tagName === 'p' || node.tagName === 'div' || node.tagName === 'a';
  const { id: _id, ...properties } = node.properties;
  return {
    ...node,
    tagName: phrasing ? 'span' : node.tagName,
    properties: node.tagName === 'p' ? { ...properties, className: ['note-popup-paragraph'] } : node.tagName === 'a' ? {} : properties,
    children: node.children.map(toPhrasing),
  };
}

/** The chapter's notes, each linking back to its (first) reference. */
export function endnotes(chapter: TransformedChapter, headingLevel: number): Element | undefined {
  if (chapter.notes.length === 0) return undefined;
  const headingId = `${chapter.id}-notes`;
  // Named with the chapter's title too: the single-page book has one notes landmark per report.
  return h('section.notes', { role: 'doc-endnotes', ariaLabelledBy: `${headingId} ${titleId(chapter.id)}` }, [
    h(`h${headingLevel}`, { id: headingId }, LABELS.notes),
    h(
      'ol.notes-list',
      chapter.notes.map((note) =>
        h('li', [
          h('aside.note', { id: note.id, role: 'doc-footnote' }, [
            ...note.content,
            h('p.note-back', [h('a', { href: `#${note.refId}`, role: 'doc-backlink' }, LABELS.backToText)]),
          ]),
        ]),
      ),
    ),
  ]);
}
