import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { isHan, matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-dash';
const DASHES = /-{2,}|－{2,}|―+|—+/g;

export const punctuationDash: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'The Chinese dash is —— (two U+2014): --, －－, ―― and a lone — between hanzi are converted',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['乡镇社区微治理路径探索--以井研县为例', '县委书记就是―― “一线总指挥”', '这就是—问题所在'],
    accepts: ['——以犍为为例', '殷婕（1988—），女', '2019—2020年'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { match, span, offset } of matches(proseBlocks(tree, file), DASHES)) {
      const dash = match[0];
      if (dash === '——') continue;
      const before = span.text[match.index - 1];
      const after = span.text[match.index + dash.length];
      // A lone — is the connector of ranges (1988—, 2019—2020): only one between hanzi is a short dash.
      if (dash === '—' && !(isHan(before) && (isHan(after) || after === '“'))) continue;
      if (dash.startsWith('-') && !isHan(before) && !isHan(after)) continue;
      report(file, id, `Unexpected dash \`${dash}\`, expected \`——\``, offset, offset + dash.length, [
        { start: offset, end: offset + dash.length, text: '——' },
      ]);
    }
  },
};
