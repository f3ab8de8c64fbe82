import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-title-separator';
const SEPARATED = /(?<=[》”’])、(?=[《“‘])/g;

export const punctuationTitleSeparator: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'No 、 between consecutive 《titles》 or “quoted items” (GB/T 15834 §4.5.3.5)',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['《关于开展“护根”行动的实施意见》、《容错纠错澄清保护意见》', '“三会一课”、“农民夜校”'],
    accepts: ['《关于开展“护根”行动的实施意见》和《容错纠错澄清保护意见》', '“三会一课”“农民夜校”', '“请进来”和“走出去”'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { offset } of matches(proseBlocks(tree, file), SEPARATED)) {
      report(file, id, 'Unexpected `、` between titles or quoted items, expected none', offset, offset + 1, [{ start: offset, end: offset + 1, text: '' }]);
    }
  },
};
