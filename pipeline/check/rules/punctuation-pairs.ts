import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-pairs';
const CLOSER: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '《': '》', '【': '】' };
const PAIRED = /[“”‘’（）《》【】]/g;
const OPENER: Record<string, string> = Object.fromEntries(Object.entries(CLOSER).map(([o, c]) => [c, o]));

export const punctuationPairs: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Paired punctuation “” ‘’ （） 《》 【】 balanced within a paragraph',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['“郡县治，天下安。在我国……', '《中国共产党问责条例的明确规定'],
    accepts: ['“郡县治，天下安。”在我国……', '对党委（党组）存在的问题'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const block of proseBlocks(tree, file)) {
      const open: Array<{ char: string; at: number }> = [];
      for (const span of block.spans) {
        PAIRED.lastIndex = 0;
        for (let m = PAIRED.exec(span.text); m; m = PAIRED.exec(span.text)) {
          const char = m[0];
          const at = span.start + m.index;
          if (CLOSER[char]) {
            open.push({ char, at });
            continue;
          }
          const top = open[open.length - 1];
          if (top?.char === OPENER[char]) open.pop();
          // Report only: which side is missing is the author's call.
          else report(file, id, `Unexpected \`${char}\` without its \`${OPENER[char]}\`, expected a balanced pair`, at, at + 1);
        }
      }
      for (const { char, at } of open) {
        report(file, id, `Unexpected \`${char}\` without its \`${CLOSER[char]}\`, expected a balanced pair`, at, at + 1);
      }
    }
  },
};
