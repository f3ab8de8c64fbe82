import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import { HAN, isHan, proseBlocks } from '../text.ts';
import type { ChapterRule } from '../types.ts';

const id = 'punctuation-quotes';
const CORNER: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };
const QUOTES = /["'「」『』]/g;

export const punctuationQuotes: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Quotes in Chinese text are “” outside and ‘’ inside: straight and corner quotes are converted',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['"四风"问题', "他说'好'", '「最后一公里」'],
    accepts: ['“四风”问题', "It's fine.", '覆盖到“最后一公里”'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const block of proseBlocks(tree, file)) {
      if (!block.spans.some((span) => HAN.test(span.text))) continue;
      // Straight quotes are paired in order within the block: the odd ones open, the even ones close.
      const doubles: number[] = [];
      const singles: number[] = [];
      for (const span of block.spans) {
        QUOTES.lastIndex = 0;
        for (let m = QUOTES.exec(span.text); m; m = QUOTES.exec(span.text)) {
          const i = m.index;
          const char = m[0];
          if (char === '"') doubles.push(span.start + i);
          else if (char === "'") {
            if (isHan(span.text[i - 1]) || isHan(span.text[i + 1])) singles.push(span.start + i);
          } else {
            const start = span.start + i;
            report(file, id, `Unexpected corner quote \`${char}\`, expected \`${CORNER[char]}\``, start, start + 1, [{ start, end: start + 1, text: CORNER[char]! }]);
          }
        }
      }
      for (const [positions, open, close] of [[doubles, '“', '”'], [singles, '‘', '’']] as const) {
        for (let i = 0; i < positions.length; i += 2) {
          const start = positions[i]!;
          const end = positions[i + 1];
          const straight = open === '“' ? '"' : "'";
          if (end === undefined) {
            report(file, id, `Unexpected unpaired straight quote \`${straight}\`, expected \`${open}…${close}\``, start, start + 1);
            continue;
          }
          report(file, id, `Unexpected straight quotes \`${straight}…${straight}\`, expected \`${open}…${close}\``, start, end + 1, [
            { start, end: start + 1, text: open },
            { start: end, end: end + 1, text: close },
          ]);
        }
      }
    }
  },
};
