/**
 * Gives every heading of a chapter an id that is unique across the book (prefixed by the chapter id)
 * and stable while its text is unchanged, and returns the headings for contents lists and navigation.
 * Slugs come from book/link-path.ts's headingSlugger, which check's link-target uses too.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { headingSlugger } from '../book/link-path.ts';
import type { Heading } from '../book/types.ts';

const HEADING = /^h([2-6])$/;

/** The id of a chapter's title in every edition: the contents, the bookmarks and links to the report find it by it. */
export function titleId(chapterId: string): string {
  return `${chapterId}-title`;
}

export function addHeadingIds(tree: Root, chapterId: string): Heading[] {
  const slug = headingSlugger();
  const headings: Heading[] = [];
  visit(tree, 'element', (node) => {
    const match = HEADING.exec(node.tagName);
    if (!match) return;
    const text = toString(node).trim();
    const id = `${chapterId}-${slug(text)}`;
    node.properties.id = id;
    headings.push({ id, depth: Number(match[1]), text });
  });
  return headings;
}
