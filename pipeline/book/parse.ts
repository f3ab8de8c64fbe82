/**
 * The one Markdown parser of folio: CommonMark + GFM (footnotes, tables) + YAML front matter + directives
 * (`:::abstract`, `:::bios`). Every stage that needs a chapter's mdast gets it from here, once.
 *
 * Hostile input must not crash it: containers nested deeper than any book needs (the parser and the
 * tree utilities recurse, and 10,000 levels overflow the stack) are refused with a fatal message at the
 * line where the nesting goes too deep, and any other parser failure becomes a fatal message too.
 * Either way the caller gets an empty tree and the file's messages say why.
 */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).freeze();

/** Far beyond any real book (and well below where the parser's recursion fails, ~1,000s of levels). */
export const MAX_NESTING = 100;

export function parseMarkdown(file: VFile): Root {
  const text = String(file.value);
  const deep = firstTooDeep(text);
  if (deep) {
    const reason = `Unexpected blockquotes or lists nested ${deep.depth}+ levels deep, expected at most ${MAX_NESTING}`;
    file.message(reason, { place: { line: deep.line, column: 1 }, ruleId: 'markdown-nesting', source: 'folio' }).fatal = true;
    return { type: 'root', children: [] };
  }
  try {
    return parser.parse(file);
  } catch (error) {
    const reason = `Cannot parse this file as Markdown (${(error as Error).message})`;
    file.message(reason, { place: { line: 1, column: 1 }, ruleId: 'markdown-parse', source: 'folio' }).fatal = true;
    return { type: 'root', children: [] };
  }
}

/** The first line whose container markers (`>`, list bullets, ordered-list numbers) exceed MAX_NESTING. */
function firstTooDeep(text: string): { line: number; depth: number } | undefined {
  // Cheap bound first: a file without that many marker characters cannot nest that deep.
  if (text.length < MAX_NESTING * 2) return undefined;
  const marker = /\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))/y;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let depth = 0;
    marker.lastIndex = start;
    while (marker.lastIndex < end && marker.exec(text)) {
      if (++depth > MAX_NESTING) return { line, depth };
    }
    // Indentation nests lists too: every 2 columns can open a level.
    const indent = /^[ \t]*/.exec(text.slice(start, Math.min(end, start + MAX_NESTING * 2 + 2)))![0].length;
    if (indent / 2 > MAX_NESTING) return { line, depth: Math.floor(indent / 2) };
    start = end + 1;
    line++;
  }
  return undefined;
}

/** The processor itself, for plugins that run on the parsed tree (checks, transforms). */
export function markdownProcessor() {
  return parser;
}
