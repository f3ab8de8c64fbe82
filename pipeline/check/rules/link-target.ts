import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'link-target';
const SCHEME = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * The slugs of a chapter's headings, as Markdown editors make them (github-slugger) and as the
 * transforms do (transform/heading-ids.ts gives each heading the id `<chapter>-<slug>`).
 */
export function headingSlugs(tree: Root): string[] {
  const slugger = new GithubSlugger();
  const slugs: string[] = [];
  visit(tree, 'heading', (heading) => {
    if (heading.depth >= 2) slugs.push(slugger.slug(toString(heading).trim()) || 'section');
  });
  return slugs;
}

function decoded(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * A link inside the book resolves in every edition only to a heading of its own chapter, by the slug of
 * its text (`#一净化县域政治生态的重大意义`): the transforms point it at the heading. Each edition cuts the
 * book differently (HTML pages, EPUB documents, PDF parts), and a link to another file of the manuscript
 * (a chapter, a document) went nowhere in all three, failing epubcheck (RSC-007, RSC-012).
 */
export const linkTarget: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Links inside the book that lead nowhere: to a file of the manuscript, or to a heading the chapter does not have',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['[第二篇](02-community.md)', '## 一、重大意义\n\n见[上文](#二重大意义)。'],
    accepts: ['## 一、重大意义\n\n见[上文](#一重大意义)。', '[出版社网站](http://www.xnjdcbs.com)'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    let slugs: Set<string> | undefined;
    visit(tree, (node) => {
      if ((node.type !== 'link' && node.type !== 'definition') || SCHEME.test(node.url)) return;
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      if (!node.url.startsWith('#')) {
        report(file, id, `Unexpected link to the file \`${node.url}\`, expected a web address or a heading of this chapter (\`#…\`): the editions keep no link between the manuscript's files; name the report in words (见本书《……》)`, start, end);
        return;
      }
      slugs ??= new Set(headingSlugs(tree));
      if (slugs.has(decoded(node.url.slice(1)))) return;
      const some = [...slugs].slice(0, 3).map((slug) => `\`#${slug}\``).join(', ');
      report(file, id, `Unexpected link to \`${node.url}\`, which is no heading of this chapter, expected the slug of one${some ? ` (${some}…)` : ''}`, start, end);
    });
  },
};
