/**
 * The prose of a chapter as the text rules see it: per block (paragraph, heading, table cell, list item
 * paragraph), the source spans of its text nodes, collected once per tree and shared by every rule.
 * Rules scan the source itself (not `node.value`) so that positions and fix edits are exact.
 * Code, inline code, HTML, link targets and the typed contents (reported on its own) are not prose.
 */
import type { Heading, Paragraph, Root, TableCell } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { findTypedToc } from './rules/no-typed-toc.ts';

export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/;
/** Hanzi as a character class body, for building other patterns. */
export const HAN_CLASS = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3007';

export function isHan(char: string | undefined): boolean {
  return char !== undefined && HAN.test(char);
}

/**
 * Replaces what is not prose inside a text span (URLs, e-mail addresses, character references such as
 * `&nbsp;`, Word field debris) by a neutral character.
 * A scheme or address starts only where its run of characters starts (the lookbehinds): tried from every
 * letter of a long run instead, the scan was quadratic (40,000 Latin letters took 22 s to check).
 */
const NOT_PROSE = /(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});|错误[!！][^\s。]*。?|Error! [A-Z][a-z]+(?: [a-z]+)* (?:not defined|not found)\.?/gi;
export const MASK = '\uffff';

export interface Span {
  /** Offset of `text` in the file. */
  start: number;
  /** The source between the node's start and end, masked (same length as the source). */
  text: string;
}

export interface Block {
  node: Paragraph | Heading | TableCell;
  spans: Span[];
}

const cache = new WeakMap<Root, Block[]>();

export function proseBlocks(tree: Root, file: VFile): Block[] {
  const cached = cache.get(tree);
  if (cached) return cached;
  const source = String(file.value);
  const toc = findTypedToc(tree);
  const blocks: Block[] = [];
  // One walk: text only ever sits inside a paragraph, heading or table cell, and they do not nest, so a
  // text node belongs to the block entered last (a walk per block cost ~2,000 walks a book).
  let current: Block | undefined;
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const start = node.position?.start.offset;
      current = start === undefined || (toc && start >= toc.start && start < toc.end) ? undefined : { node, spans: [] };
      return;
    }
    if (node.type !== 'text' || !current) return;
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) return;
    if (current.spans.length === 0) blocks.push(current);
    current.spans.push({ start: from, text: source.slice(from, to).replace(NOT_PROSE, (m) => MASK.repeat(m.length)) });
  });
  cache.set(tree, blocks);
  return blocks;
}

/** Each match of a global pattern in every prose span, with its file offset. */
export function* matches(blocks: Block[], pattern: RegExp): Generator<{ match: RegExpExecArray; span: Span; offset: number }> {
  for (const block of blocks) {
    for (const span of block.spans) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(span.text); match; match = pattern.exec(span.text)) {
        yield { match, span, offset: span.start + match.index };
        if (match[0].length === 0) pattern.lastIndex++;
      }
    }
  }
}
