/**
 * mdast -> hast for a chapter, through mdast-util-to-hast with folio's own handlers: note references
 * become `a.noteref` pointing at the chapter's numbered notes, unknown directives keep their text, and
 * raw HTML is kept as `raw` nodes for `sanitize.ts`, which every tree passes through before an edition.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { FootnoteReference, Nodes, Root } from 'mdast';
import { toHast, type Handler, type State } from 'mdast-util-to-hast';
import { sanitizeChapter } from './sanitize.ts';

const seenRefs = new WeakMap<State, Set<string>>();

const footnoteReference: Handler = (state, node: FootnoteReference) => {
  const note = node.data?.folioNote;
  if (!note) return undefined;
  let seen = seenRefs.get(state);
  if (!seen) seenRefs.set(state, (seen = new Set()));
  // A second reference to the same note links to it too, but only the first carries the back-link id.
  const first = !seen.has(note.id);
  seen.add(note.id);
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: {
      className: ['noteref'],
      href: `#${note.id}`,
      ...(first ? { id: note.refId } : {}),
      role: 'doc-noteref',
      dataNote: note.number,
    },
    children: [{ type: 'text', value: String(note.number) }],
  };
  state.patch(node, link);
  return link;
};

/** `:::name` blocks other than the chapter parts become `<div class="name">`; inline directives keep their source text. */
const containerDirective: Handler = (state, node) => ({
  type: 'element',
  tagName: 'div',
  properties: { className: [node.name] },
  children: state.all(node),
});

const textDirective: Handler = (state, node) => [
  { type: 'text', value: `:${node.name}` },
  ...(state.all(node) as ElementContent[]),
];

const handlers = {
  footnoteReference,
  containerDirective,
  leafDirective: containerDirective,
  textDirective,
  yaml: () => undefined,
};

export function chapterToHast(tree: Root): HastRoot {
  return sanitizeChapter(toHast(tree, { handlers, allowDangerousHtml: true }) as HastRoot);
}

/** Converts block content (abstract, bios, a note's definition) to hast children. */
export function blocksToHast(nodes: Nodes[]): ElementContent[] {
  const root = sanitizeChapter(toHast({ type: 'root', children: nodes } as Root, { handlers, allowDangerousHtml: true }) as HastRoot);
  return root.children.filter((child): child is ElementContent => child.type !== 'doctype');
}
