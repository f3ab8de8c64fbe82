/**
 * The one Markdown parser of folio: CommonMark + GFM (footnotes, tables) + YAML front matter + directives
 * (`:::abstract`, `:::bios`). Every stage that needs a chapter's mdast gets it from here, once.
 */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).freeze();

export function parseMarkdown(file: VFile): Root {
  return parser.parse(file);
}

/** The processor itself, for plugins that run on the parsed tree (checks, transforms). */
export function markdownProcessor() {
  return parser;
}
