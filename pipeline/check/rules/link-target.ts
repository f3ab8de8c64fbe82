import { resolve } from 'node:path';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { likeness } from '../../book/likeness.ts';
import { chapterAt, headingSlugger, REMOTE, splitLink } from '../../book/link-path.ts';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'link-target';

/** The slugs of a chapter's headings below its title, as the transforms make its heading ids (`<chapter>-<slug>`). */
export function headingSlugs(tree: Root): string[] {
  const slug = headingSlugger();
  const slugs: string[] = [];
  for (const heading of nodesOf(tree, 'heading')) {
    if (heading.depth >= 2) slugs.push(slug(toString(heading)));
  }
  return slugs;
}

/**
 * The three slugs most like `fragment` (by the characters they share: a heading renamed, a typo), for the
 * message: a report has dozens of headings, and the first three are rarely the one meant.
 */
export function closestSlugs(slugs: Iterable<string>, fragment: string): string[] {
  return [...slugs]
    .map((slug) => ({ slug, likeness: likeness(slug, fragment) }))
    .sort((a, b) => b.likeness - a.likeness)
    .slice(0, 3)
    .map((entry) => entry.slug);
}

/**
 * A link inside the book goes to a heading by the slug of its text (`#一净化县域政治生态的重大意义`), to
 * another report (`02-community.md`) or to one of its headings (`02-community.md#一研经社区的基本情况`):
 * the transforms point it at that place in every edition. A link to any other file of the manuscript, to a
 * report not written yet, or to a heading that is not there went nowhere in all three (epubcheck: RSC-007, RSC-012).
 */
export const linkTarget: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Links inside the book that lead nowhere: to a file that is no written report, or to a heading the report does not have',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['[附录](appendix.docx)', '## 一、重大意义\n\n见[上文](#二重大意义)。'],
    accepts: ['## 一、重大意义\n\n见[上文](#一重大意义)。', '[出版社网站](http://www.xnjdcbs.com)'],
  },
  plugin: (context) => (tree: Root, file: VFile) => {
    const slugsOf = new Map<Root, Set<string>>();
    const slugs = (target: Root) => {
      if (!slugsOf.has(target)) slugsOf.set(target, new Set(headingSlugs(target)));
      return slugsOf.get(target)!;
    };
    for (const node of nodesOf(tree, 'link', 'definition')) {
      if (REMOTE.test(node.url)) continue;
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      const { path, fragment } = splitLink(node.url);
      const chapter = path && file.path && context.chapters ? chapterAt(context.chapters, context.root, file.path, path) : undefined;
      // The chapter being checked by its own file name: its tree here, not the book's (the preview checks a fresh one).
      const own = path === '' || (chapter !== undefined && resolve(context.root, chapter.path!) === resolve(file.path!));
      if (!own && !chapter) {
        report(file, id, `Unexpected link to \`${node.url}\`, expected a web address, a report of this book (\`02-community.md\`) or a heading (\`#…\`): the editions keep no other file of the manuscript`, start, end);
        continue;
      }
      if (!own && !chapter!.tree) {
        report(file, id, `Unexpected link to \`${node.url}\`, a report not written yet, expected a written one: name it in words (见本书《${chapter!.title}》) until its text is in`, start, end);
        continue;
      }
      const target = own ? tree : chapter!.tree!;
      if (fragment === undefined || slugs(target).has(fragment)) continue;
      const closest = closestSlugs(slugs(target), fragment).map((slug) => `\`#${slug}\``).join(', ');
      report(file, id, `Unexpected link to \`${node.url}\`, which is no heading of ${own ? 'this report' : `the report ${chapter!.path}`}, expected the slug of one${closest ? ` (the closest: ${closest})` : ''}`, start, end);
    }
  },
};
