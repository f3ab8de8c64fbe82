/**
 * The one Markdown parser of folio: CommonMark + GFM (footnotes, tables) + YAML front matter + directives
 * (`:::abstract`, `:::bios`), bare URLs ended where Chinese text resumes (autolink-cjk.ts). Every stage
 * that needs a chapter's mdast gets it from here, once.
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
import { endAutolinksAtCjk } from './autolink-cjk.ts';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective).freeze();

/** Far beyond any real book (and well below where the parser's recursion fails, ~1,000s of levels). */
export const MAX_NESTING = 100;

export function parseMarkdown(file: VFile): Root {
  const text = String(file.value);
  let refused = refusal(text);
  if (!refused) {
    try {
      const tree = parser.parse(file);
      endAutolinksAtCjk(tree, text);
      return tree;
    } catch (error) {
      refused = { line: 1, ruleId: 'markdown-parse', reason: `Cannot parse this file as Markdown (${(error as Error).message})` };
    }
  }
  file.message(refused.reason, { place: { line: refused.line, column: 1 }, ruleId: refused.ruleId, source: 'folio' }).fatal = true;
  return { type: 'root', children: [] };
}

interface Refusal {
  line: number;
  ruleId: string;
  reason: string;
}

/** Why the parser must not be given `text`, if it must not: input that would overflow its stack or never end. */
function refusal(text: string): Refusal | undefined {
  const deep = firstTooDeep(text);
  if (deep) {
    return { line: deep.line, ruleId: 'markdown-nesting', reason: `Unexpected blockquotes, lists or \`:::\` blocks nested ${deep.depth}+ levels deep, expected at most ${MAX_NESTING}` };
  }
  const lazy = firstTooLazy(text);
  if (lazy) {
    return {
      line: lazy.line,
      ruleId: 'markdown-density',
      reason: `Unexpected ${lazy.count}+ unmarked lines continuing one blockquote, list item or footnote, expected at most ${MAX_LAZY_LINES}: mark them or start a new paragraph`,
    };
  }
  const dense = firstTooDense(text);
  if (dense) {
    return { line: dense.line, ruleId: 'markdown-density', reason: `Unexpected ${dense.count}+ brackets or emphasis marks (\`[ ] * _\`) in one paragraph, expected at most ${MAX_DELIMITERS}` };
  }
  return undefined;
}

/** The first line whose container markers (`>`, list bullets, ordered-list numbers) exceed MAX_NESTING. */
function firstTooDeep(text: string): { line: number; depth: number } | undefined {
  // Cheap bound first: a file without that many marker characters cannot nest that deep.
  if (text.length < MAX_NESTING * 2) return undefined;
  const marker = /\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))/y;
  // Unclosed `:::name` directives nest too, and the parser slows with the square of their depth
  // (found by fuzzing: 8,000 unclosed `:::bios` hung a check for minutes).
  const opens = /^[ \t]*:{3,}[ \t]*[A-Za-z]/;
  const closes = /^[ \t]*:{3,}[ \t]*$/;
  let directives = 0;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const head = text.slice(start, Math.min(end, start + 32));
    if (opens.test(head) && ++directives > MAX_NESTING) return { line, depth: directives };
    if (closes.test(head) && directives > 0) directives--;
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

/**
 * Far beyond any real paragraph: lines that continue a blockquote, list item or footnote without its
 * marker ("lazy" lines) cost the parser time in the square of their number (found by fuzzing: a
 * footnote followed by 20,000 such lines took two minutes to check and build).
 */
export const MAX_LAZY_LINES = 2_000;

const CONTAINER_START = /^ {0,3}(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\[\^[^\]]+\]:)/;

/** The first container block (between blank lines) with more than MAX_LAZY_LINES lazy lines. */
function firstTooLazy(text: string): { line: number; count: number } | undefined {
  if (text.length < MAX_LAZY_LINES * 2) return undefined;
  let inContainer = false;
  let count = 0;
  let start = 0;
  let line = 0;
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    line++;
    const current = text.slice(from, Math.min(to, from + 64));
    if (/^\s*$/.test(text.slice(from, to))) inContainer = false;
    else if (CONTAINER_START.test(current)) {
      if (!inContainer) start = line;
      inContainer = true;
      count = 0;
    } else if (inContainer && !/^[ \t]/.test(current) && ++count > MAX_LAZY_LINES) return { line: start, count };
    from = to + 1;
  }
  return undefined;
}

/** The processor itself, for plugins that run on the parsed tree (checks, transforms). */
export function markdownProcessor() {
  return parser;
}
