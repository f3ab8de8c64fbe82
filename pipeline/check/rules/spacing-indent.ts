import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'spacing-indent';
const IDEOGRAPHIC_SPACE = /\u3000+/g;

export const spacingIndent: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'No ideographic spaces (U+3000) for indents or gaps: the templates indent paragraphs',
  severity: 'error',
  fixable: true,
  docs: { flags: ['\u3000\u3000“郡县治，天下安。”'], accepts: ['“郡县治，天下安。”'] },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { match, offset } of matches(proseBlocks(tree, file), IDEOGRAPHIC_SPACE)) {
      report(file, id, 'Unexpected ideographic space (U+3000), expected none (the templates indent paragraphs)', offset, offset + match[0].length, [
        { start: offset, end: offset + match[0].length, text: '' },
      ]);
    }
  },
};
