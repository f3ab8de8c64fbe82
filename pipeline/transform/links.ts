/**
 * Points each link inside the book at the id of the place it names, the same in every edition: a
 * heading's slug (`#一研经社区的基本情况`, as Markdown editors make it) at the heading (`#ch02-一研经社区的基本情况`),
 * a report's file (`02-community.md`) at its title (`#ch02-title`). Each edition then says in which of its
 * files that id is (render/cross-links.ts). check's link-target reports the links that lead nowhere.
 */
import type { ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { chapterAt, REMOTE, splitLink } from '../book/link-path.ts';
import type { Book, Chapter, Heading } from '../book/types.ts';
import { titleId } from './heading-ids.ts';

/** Returns the ids in other chapters that the links now go to, with the chapter of each (TransformedChapter.crossLinks). */
export function pointLinks(roots: Array<Root | ElementContent>, chapter: Chapter, book: Pick<Book, 'root' | 'chapters'>, headings: Heading[]): Map<string, string> {
  const ownIds = new Set(headings.map((heading) => heading.id));
  const crossLinks = new Map<string, string>();
  for (const root of roots) {
    visit(root, 'element', (node) => {
      const href = node.tagName === 'a' ? node.properties.href : undefined;
      if (typeof href !== 'string' || href === '' || REMOTE.test(href)) return;
      const { path, fragment } = splitLink(href);
      const target = path === '' ? chapter : chapter.file?.path ? chapterAt(book.chapters, book.root, chapter.file.path, path) : undefined;
      if (!target) return;
      const id = fragment === undefined ? titleId(target.id) : `${target.id}-${fragment}`;
      if (target !== chapter) crossLinks.set(id, target.id);
      if (target !== chapter || ownIds.has(id) || fragment === undefined) node.properties.href = `#${id}`;
    });
  }
  return crossLinks;
}
