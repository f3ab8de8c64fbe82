import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';
import { isNoteBlock } from './page-break-split.ts';

const id = 'footnote-circled-number';
const CIRCLED = /[\u2460-\u2473]/g;

export const footnoteCircledNumber: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Circled-number notes (①…⑳) left as plain text instead of linked footnotes',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['全媒体直播节目①。', '- ① 嘉廉话是中共乐山市纪律检查委员会……\n  - ② 即封官许愿架天线一律不用。'],
    accepts: ['全媒体直播节目。[^1]\n\n[^1]: 嘉廉话是中共乐山市纪律检查委员会……'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const blocks: Array<[number, number]> = [];
    for (const node of tree.children) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (!isNoteBlock(node) || start === undefined || end === undefined) continue;
      blocks.push([start, end]);
      const count = (toString(node).match(CIRCLED) ?? []).length;
      report(file, id, `Unexpected block of ${count} page-bottom notes (①②③…) as plain text, expected footnote definitions \`[^n]: …\` referenced where they belong`, start, end);
    }
    for (const { match, offset } of matches(proseBlocks(tree, file), CIRCLED)) {
      if (blocks.some(([start, end]) => offset >= start && offset < end)) continue;
      report(file, id, `Unexpected note marker \`${match[0]}\` as plain text, expected a footnote reference \`[^n]\``, offset, offset + match[0].length);
    }
  },
};
