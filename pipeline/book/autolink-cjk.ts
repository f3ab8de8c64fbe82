/**
 * Bare URLs in Chinese text. GFM's autolink literals (remark-gfm, as on GitHub) end only at a space or
 * at trailing ASCII punctuation, and Chinese puts no space after a URL: `网址：http://www.xnjdcbs.com，电话`
 * became one link, `，电话` included, to a dead address, in every edition. By design upstream
 * (cmark-gfm #83 and #377, remark-gfm #83). This ends each such link at its first full-width (or other
 * non-ASCII) punctuation mark; what follows goes back to the text, at its exact place for the check.
 * (@streamdown/cjk does the same, but inside a React renderer: it would bring React in.)
 */
import type { Link, Parent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Where a URL in Chinese text ends: a full-width or other non-ASCII punctuation mark (，。、；：！？（）
 * 《》“”—…), or the ideographic space. Not at hanzi: an address may hold them (`https://zh.wikipedia.org/wiki/乐山市`).
 */
const CJK = /\u3000|(?![\x00-\x7f])\p{P}/u;
/** GFM trims these from a literal's end; after a cut they may end it again (`www.x.cn.。`). */
const TRAILING = /[?!.,:*_~]+$/;

export function endAutolinksAtCjk(tree: Root, source: string): void {
  visit(tree, 'link', (link: Link, index, parent: Parent | undefined) => {
    const start = link.position?.start;
    const text = link.children[0];
    // A literal: its source is the URL itself, not `[…](…)` or `<…>`; one text child the URL ends with.
    if (!parent || index === undefined || start?.offset === undefined || link.children.length !== 1 || text?.type !== 'text') return;
    if (source[start.offset] === '[' || source[start.offset] === '<' || !link.url.endsWith(text.value)) return;
    const cut = text.value.search(CJK);
    if (cut <= 0) return;
    const kept = text.value.slice(0, cut).replace(TRAILING, '');
    if (!/[a-z0-9]/i.test(kept)) return;
    const from = start.offset;
    const end = from + kept.length;
    const at = (offset: number) => ({ line: start.line, column: start.column + (offset - from), offset });
    const rest: Text = { type: 'text', value: text.value.slice(kept.length), position: { start: at(end), end: link.position!.end } };
    link.url = link.url.slice(0, link.url.length - text.value.length) + kept;
    text.value = kept;
    text.position = { start: text.position!.start, end: at(end) };
    link.position = { start, end: at(end) };
    const next = parent.children[index + 1];
    if (next?.type === 'text' && next.position) {
      next.value = rest.value + next.value;
      next.position.start = rest.position!.start;
    } else {
      parent.children.splice(index + 1, 0, rest);
    }
  });
}
