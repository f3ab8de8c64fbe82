import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { isHan, matches, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-half-width';
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '.': '。', '(': '（', ')': '）' };
const MARKS = /[,;:!?]|(?<=[\u3400-\u9fff])\.(?=$|\n|[\u3400-\u9fff])|\(([^()\n]*)\)/g;

export const punctuationHalfWidth: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Half-width , ; : ! ? ( ) next to hanzi, and a sentence-final ., in Chinese text',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['2019年,乐山查处', '(2)是准确认识政治生态客观状况的正确抉择.', '西南交通大学出版社 (四川省成都市)'],
    accepts: ['占比分别为57.4%、36.3%', '网址：http://www.xnjdcbs.com', '“12345”心连心服务热线', 'GDP grew 5.2%, and (in 2023) more.'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const { match, span, offset } of matches(proseBlocks(tree, file), MARKS)) {
      const text = span.text;
      const at = match.index;
      const mark = match[0];
      if (mark.startsWith('(')) {
        const inner = match[1] ?? '';
        if (!/[\u3400-\u9fff]/.test(inner) && !isHan(text[at - 1]) && !isHan(text[at + mark.length])) continue;
        const close = offset + mark.length - 1;
        report(file, id, `Unexpected half-width \`(…)\` in Chinese text, expected \`（…）\``, offset, close + 1, [
          { start: offset, end: offset + 1, text: '（' },
          { start: close, end: close + 1, text: '）' },
        ]);
        continue;
      }
      if (mark !== '.' && !isHan(text[at - 1]) && !isHan(text[at + 1])) continue;
      const full = FULL[mark]!;
      report(file, id, `Unexpected half-width \`${mark}\` in Chinese text, expected \`${full}\``, offset, offset + 1, [
        { start: offset, end: offset + 1, text: full },
      ]);
    }
  },
};
