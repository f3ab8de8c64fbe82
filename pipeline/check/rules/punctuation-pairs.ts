import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-pairs';
const CLOSER: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '《': '》', '【': '】' };
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
        for (let i = 0; i < span.text.length; i++) {
          const char = span.text[i]!;
          if (CLOSER[char]) open.push({ char, at: span.start + i });
          else if (OPENER[char]) {
            const top = open[open.length - 1];
            if (top?.char === OPENER[char]) open.pop();
            // Report only: which side is missing is the author's call.
            else report(file, id, `Unexpected \`${char}\` without its \`${OPENER[char]}\`, expected a balanced pair`, span.start + i, span.start + i + 1);
          }
        }
      }
      for (const { char, at } of open) {
        report(file, id, `Unexpected \`${char}\` without its \`${CLOSER[char]}\`, expected a balanced pair`, at, at + 1);
      }
    }
  },
};
