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
  const dense = firstTooDense(text);
  if (dense) {
    const reason = `Unexpected ${dense.count}+ brackets or emphasis marks (\`[ ] * _\`) in one paragraph, expected at most ${MAX_DELIMITERS}`;
    file.message(reason, { place: { line: dense.line, column: 1 }, ruleId: 'markdown-density', source: 'folio' }).fatal = true;
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

/**
 * Far beyond any real paragraph: the parser matches brackets and emphasis by looking back over the
 * paragraph's earlier ones, so its time grows with their square (40,000 `]` in one paragraph: 11 s;
 * a chapter of `[^x]` storms: minutes).
 */
export const MAX_DELIMITERS = 2_000;

/** The first paragraph (text between blank lines) holding more than MAX_DELIMITERS of `[ ] * _`. */
function firstTooDense(text: string): { line: number; count: number } | undefined {
  if (text.length < MAX_DELIMITERS) return undefined;
  let count = 0;
  let line = 1;
  let start = 1;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (blank) count = 0;
      blank = true;
      line++;
    } else if (code === 91 || code === 93 || code === 42 || code === 95) {
      if (count === 0) start = line;
      if (++count > MAX_DELIMITERS) return { line: start, count };
      blank = false;
    } else if (code !== 32 && code !== 9 && code !== 13) blank = false;
  }
  return undefined;
}

/** The processor itself, for plugins that run on the parsed tree (checks, transforms). */
export function markdownProcessor() {
  return parser;
}
