import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { isHan, matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-ellipsis';
const ELLIPSES = /\.{3,}|。{3,}|[·⋯]{3,}|…+/g;

export const punctuationEllipsis: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'The Chinese ellipsis is …… (two U+2026): ..., 。。。, ··· and a lone … are converted',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['决胜... 毛...', '等等。。。', '如此…'],
    accepts: ['等等……', 'and so on...'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { match, span, offset } of matches(proseBlocks(tree, file), ELLIPSES)) {
      const dots = match[0];
      if (dots === '……') continue;
      if (dots.startsWith('.') && !isHan(span.text[match.index - 1]) && !isHan(span.text[match.index + dots.length])) continue;
      report(file, id, `Unexpected ellipsis \`${dots}\`, expected \`……\``, offset, offset + dots.length, [
        { start: offset, end: offset + dots.length, text: '……' },
      ]);
    }
  },
};
