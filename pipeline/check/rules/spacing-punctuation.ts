import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'spacing-punctuation';
const PUNCT = '，。；：！？、“”‘’（）《》【】…—';
const AROUND = new RegExp(`(?<=[^\\s${PUNCT}]) +(?=[${PUNCT}])|(?<=[${PUNCT}]) +(?=[^\\s])`, 'g');

export const spacingPunctuation: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'No spaces around full-width punctuation (it carries its own space)',
  severity: 'error',
  fixable: true,
  docs: { flags: ['（2） 基层形式主义问题依旧突出', '发展 ，乐山'], accepts: ['（2）基层形式主义问题依旧突出', 'ok, then'] },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { match, offset } of matches(proseBlocks(tree, file), AROUND)) {
      report(file, id, 'Unexpected space next to full-width punctuation, expected none', offset, offset + match[0].length, [
        { start: offset, end: offset + match[0].length, text: '' },
      ]);
    }
  },
};
