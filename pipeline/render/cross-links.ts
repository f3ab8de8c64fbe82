/**
 * Links from one chapter to another's title or heading: the transform points them at the id there
 * (`#ch02-title`); each edition then says where that id is. Editions with a file per chapter (HTML pages,
 * EPUB documents) name the file; the print edition, whose parts Chromium links only within, uses stand-ins (pdf/chapter.ts).
 */
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { TransformedChapter } from '../book/types.ts';
import { rewriteElements } from './rewrite.ts';

/** The id a link (`<a href="#id">`) goes to, if `node` is a link to a place by id. */
export function linkedId(node: Element): string | undefined {
  const href = node.tagName === 'a' ? node.properties.href : undefined;
  return typeof href === 'string' && href.startsWith('#') ? href.slice(1) : undefined;
}

/** The id a link of `chapter` goes to in another chapter, and that chapter's id, if it does. */
function crossLinkOf(node: Element, chapter: TransformedChapter): { id: string; chapterId: string } | undefined {
  const id = linkedId(node);
  const chapterId = id === undefined ? undefined : chapter.crossLinks.get(id);
  return chapterId ? { id: id!, chapterId } : undefined;
}

/** Calls `relink` on each link of `tree` to an id in another chapter, with the id and that chapter's id. */
export function forEachCrossLink(tree: Element, chapter: TransformedChapter, relink: (link: Element, id: string, chapterId: string) => void): void {
  if (chapter.crossLinks.size === 0) return;
  visit(tree, 'element', (node) => {
    const target = crossLinkOf(node, chapter);
    if (target) relink(node, target.id, target.chapterId);
  });
}

/** A copy of `tree` (a chapter's rendering) whose links to other chapters name the file each chapter is in. */
export function linkAcrossFiles(tree: Element, chapter: TransformedChapter, fileOf: (chapterId: string) => string): Element {
  if (chapter.crossLinks.size === 0) return tree;
  // A copy: the rendering shares nodes with the transformed chapter, which the other editions render too.
  return rewriteElements(tree, (node) => {
    const target = crossLinkOf(node, chapter);
    return target && { ...node, properties: { ...node.properties, href: `${fileOf(target.chapterId)}#${target.id}` } };
  });
}
