import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { HAN_CLASS, matches, proseBlocks } from '../text.ts';
import type { ChapterRule, RuleContext } from '../types.ts';

const id = 'spacing-cjk-latin';
const SPACES = new RegExp(`(?<=[${HAN_CLASS}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[${HAN_CLASS}])`, 'g');
const GAPS = new RegExp(`(?<=[${HAN_CLASS}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[${HAN_CLASS}])`, 'g');

export const spacingCjkLatin: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'One CJK–Latin spacing policy (book.yaml `spacing`): by default no space between hanzi and Latin letters or digits',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['问题 127 个', '2019 年，乐山', '以 12345 平台'],
    accepts: ['问题127个', '2019年，乐山', 'GDP增长5.2%'],
  },
  plugin: (context: RuleContext) => (tree: Root, file: VFile) => {
    const blocks = proseBlocks(tree, file);
    if (context.spacing === 'space') {
      for (const { offset } of matches(blocks, GAPS)) {
        report(file, id, 'Unexpected missing space between hanzi and Latin text, expected one space (book.yaml `spacing: space`)', offset, offset, [
          { start: offset, end: offset, text: ' ' },
        ]);
      }
      return;
    }
    for (const { match, offset } of matches(blocks, SPACES)) {
      // The templates add the CJK–Latin gap; a typed space would double it.
      report(file, id, 'Unexpected space between hanzi and Latin text, expected none (the templates add the gap)', offset, offset + match[0].length, [
        { start: offset, end: offset + match[0].length, text: '' },
      ]);
    }
  },
};
