import type { List, Parent, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { ChapterRule, Edit } from '../types.ts';

const id = 'page-break-split';

/** What a finished paragraph may end with (a colon introduces what follows; a closing bracket ends a citation). */
const FINAL = /[。！？…”’）)」』】》：；!?.:;—]$/;
const STARTS_TEXT = /^[\u3400-\u9fffA-Za-z0-9]/;
/** A new numbered item or a new contents entry starts a paragraph of its own. */
const NEW_ITEM = /^(?:[一二三四五六七八九十]+、|\d+[.．、]|[（(]\d+[）)]|错误[!！]|[/／])/;
const PROSE = /[，。；！？、]/;
const CIRCLED_NOTE = /^\s*[\u2460-\u2473]?\s*$|^\s*[\u2460-\u2473]/;

/** The page-bottom notes Word exports as a list of ①②③ items (often between the two halves of a split paragraph). */
export function isNoteBlock(node: RootContent): node is List {
  return node.type === 'list' && /[\u2460-\u2473]/.test(toString(node)) && node.children.every((item) => CIRCLED_NOTE.test(toString(item)));
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

/** Whether `next` continues `prev`, cut at a page break. */
export function continues(prev: RootContent, next: RootContent): boolean {
  if (next.type !== 'paragraph' || (prev.type !== 'paragraph' && prev.type !== 'heading')) return false;
  const before = toString(prev).trimEnd();
  const after = toString(next).trim();
  if (before === '' || FINAL.test(before) || /^[/／]/.test(before)) return false;
  if (!STARTS_TEXT.test(after) || NEW_ITEM.test(after)) return false;
  const fragment = after.length <= 6 && !/[\s，。；：、！？,.;:!?]/.test(after) && lastLine(before).length >= 10;
  const prose = prev.type === 'paragraph' && PROSE.test(before) && PROSE.test(after);
  return fragment || prose;
}

function checkChildren(parent: Parent, file: VFile, source: string) {
  const nodes = parent.children as RootContent[];
  for (let i = 0; i < nodes.length - 1; i++) {
    const prev = nodes[i]!;
    let j = i + 1;
    while (j < nodes.length - 1 && isNoteBlock(nodes[j]!)) j++;
    const next = nodes[j]!;
    if (!continues(prev, next)) continue;
    const prevEnd = prev.position?.end.offset;
    const nextStart = next.position?.start.offset;
    const nextEnd = next.position?.end.offset;
    const between = nodes[j - 1]!.position?.end.offset;
    if (prevEnd === undefined || nextStart === undefined || nextEnd === undefined || between === undefined) continue;
    const glue = /[A-Za-z]$/.test(source.slice(prevEnd - 1, prevEnd)) && /^[A-Za-z]/.test(source.slice(nextStart)) ? ' ' : '';
    // Adjacent halves close up; halves around Word's page-bottom notes move the second half up past them.
    const edits: Edit[] =
      j === i + 1
        ? [{ start: prevEnd, end: nextStart, text: glue }]
        : [
            { start: prevEnd, end: prevEnd, text: glue + source.slice(nextStart, nextEnd) },
            { start: between, end: nextEnd, text: '' },
          ];
    const what = prev.type === 'heading' ? 'heading' : 'paragraph';
    report(file, id, `Unexpected ${what} cut at a page break (line ${next.position?.start.line} continues it), expected one ${what}`, prevEnd - 1, nextStart + 1, edits);
    i = j - 1;
  }
}

export const pageBreakSplit: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'A paragraph or heading cut in two at an old page break',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['二是全覆盖，开展巡视巡察。在落实意识形态\n\n责任、打好“三大攻坚战”等方面加强巡视巡察。', '0 错误!未定义书签。\t强化基层治理中党建引领“牛鼻子”功能创新路径探\n\n索'],
    accepts: ['营造良好氛围。\n\n2018年，拍摄警示教育片14部。', '具体而言：\n\n（1）重视事前诊断，构建预警机制。'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const source = String(file.value);
    checkChildren(tree, file, source);
    for (const node of tree.children) {
      if (node.type === 'containerDirective' || node.type === 'blockquote') checkChildren(node, file, source);
    }
  },
};
