/**
 * Gives every heading of a chapter an id that is unique across the book (prefixed by the chapter id)
 * and stable while its text is unchanged, and returns the headings for contents lists and navigation.
 * Slugs come from github-slugger (the slugger of rehype-slug), which keeps CJK characters. A link to a
 * heading by its slug (`#一净化县域政治生态的重大意义`, as Markdown editors make them) is pointed at its id.
 */
import GithubSlugger from 'github-slugger';
import type { ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Heading } from '../book/types.ts';

const HEADING = /^h([2-6])$/;

export function addHeadingIds(tree: Root, chapterId: string): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  visit(tree, 'element', (node) => {
    const match = HEADING.exec(node.tagName);
    if (!match) return;
    const text = toString(node).trim();
    const id = `${chapterId}-${slugger.slug(text) || 'section'}`;
    node.properties.id = id;
    headings.push({ id, depth: Number(match[1]), text });
  });
  return headings;
}

/** Points links to a heading's slug (`#slug`) at the heading's id (`#<chapter>-<slug>`): check's link-target reports the rest. */
export function pointLinksAtHeadings(roots: Array<Root | ElementContent>, chapterId: string, headings: Heading[]): void {
  const ids = new Set(headings.map((heading) => heading.id));
  for (const root of roots) {
    visit(root, 'element', (node) => {
      const href = node.tagName === 'a' ? node.properties.href : undefined;
      if (typeof href !== 'string' || !href.startsWith('#')) return;
      let slug = href.slice(1);
      try {
        slug = decodeURIComponent(slug);
      } catch {
        return;
      }
      if (ids.has(`${chapterId}-${slug}`)) node.properties.href = `#${chapterId}-${slug}`;
    });
  }
}
