import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'no-typed-toc';

/**
 * A contents line: a page number or a broken page field before the title, or a leader and page number after it.
 * A leader is tried from the start of its run only (the lookbehinds): tried from every dot of a long run,
 * the scan was quadratic (20,000 dots took over a second per check, 40,000 twelve).
 */
const ENTRY = /^\s*(?:\d{1,4}\s*(?:\t|错误[!！])|错误[!！]未定义书签|Error! Bookmark not defined)|(?:(?<!\.)\.{3,}|(?<!…)…{2,}|(?<!·)·{3,}|\t)\s*\d{1,4}\s*$/m;
const entryLines = (text: string) => text.split('\n').filter((line) => ENTRY.test(line)).length;
/** Lines that belong to an entry: authors (`/ 张强 吴玲`), a subtitle (`——以犍为为例`), the 目录 heading. */
const PART = /^\s*(?:[/／]\s*\S|——|目\s*录\s*$|contents\s*$)/i;
const MIN_ENTRIES = 3;

export interface TocRange {
  start: number;
  end: number;
  entries: number;
}

function kind(node: RootContent): 'entry' | 'part' | undefined {
  if (node.type !== 'paragraph' && node.type !== 'heading') return undefined;
  const text = toString(node);
  if (ENTRY.test(text)) return 'entry';
  // A page break can cut an entry: its tail is a short fragment of its own.
  if (PART.test(text) || (text.length <= 6 && !/[\s，。；：、！？,.;:!?]/.test(text))) return 'part';
  return undefined;
}

/** Per tree: the rule and the prose blocks (text.ts) both ask, and the scan runs regular expressions over every paragraph. */
const found = new WeakMap<Root, TocRange | undefined>();

/** The typed table of contents of a Word export, if any: a run of contents entries among the top-level blocks. */
export function findTypedToc(tree: Root): TocRange | undefined {
  if (!found.has(tree)) found.set(tree, scanForToc(tree));
  return found.get(tree);
}

function scanForToc(tree: Root): TocRange | undefined {
  const nodes = tree.children;
  for (let i = 0; i < nodes.length; i++) {
    if (kind(nodes[i]!) !== 'entry') continue;
    let entries = 0;
    let j = i;
    for (; j < nodes.length; j++) {
      const k = kind(nodes[j]!);
      if (!k) break;
      if (k === 'entry') entries += entryLines(toString(nodes[j]!));
    }
    if (entries >= MIN_ENTRIES) {
      let first = i;
      if (first > 0 && /^\s*目\s*录\s*$|^\s*contents\s*$/i.test(toString(nodes[first - 1]!))) first--;
      const start = nodes[first]!.position?.start.offset;
      const end = nodes[j - 1]!.position?.end.offset;
      if (start !== undefined && end !== undefined) return { start, end, entries };
    }
    i = j;
  }
  return undefined;
}

export const noTypedToc: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'A table of contents typed into the source (folio generates it)',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['001\t乐山市净化县域政治生态的实践探索与对策研究 / 殷婕\n0 错误!未定义书签。\t乡镇社区微治理路径探索 / 李兰英\n0 错误!未定义书签。\t网格化在基层治理中的应用研究 / 龚永忠'],
    accepts: ['“郡县治，天下安。”在我国党的组织结构和国家政权结构中……'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const toc = findTypedToc(tree);
    if (!toc) return;
    const source = String(file.value);
    // Remove the blank lines after it too, so the text closes up.
    let end = toc.end;
    while (end < source.length && (source[end] === '\n' || source[end] === '\r' || source[end] === ' ')) end++;
    report(file, id, `Unexpected typed table of contents (${toc.entries} entries), expected none: folio generates it`, toc.start, toc.end, [
      { start: toc.start, end, text: '' },
    ]);
  },
};
