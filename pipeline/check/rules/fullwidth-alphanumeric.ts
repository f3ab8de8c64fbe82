import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'fullwidth-alphanumeric';
const FULL_WIDTH = /[０-９Ａ-Ｚａ-ｚ]+/g;

export const fullwidthAlphanumeric: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Full-width letters and digits (２０２３, ＧＤＰ) become ASCII',
  severity: 'error',
  fixable: true,
  docs: { flags: ['２０２３年', 'ＧＤＰ增长'], accepts: ['2023年', 'GDP增长'] },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { match, offset } of matches(proseBlocks(tree, file), FULL_WIDTH)) {
      const ascii = match[0].replace(/./g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      report(file, id, `Unexpected full-width \`${match[0]}\`, expected \`${ascii}\``, offset, offset + match[0].length, [
        { start: offset, end: offset + match[0].length, text: ascii },
      ]);
    }
  },
};
