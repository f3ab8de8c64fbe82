import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'run-in-numbering';
const RUN_IN = /^[（(](\d{1,2})[）)]/;

export const runInNumbering: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Run-in items （1）（2）… in sequence within a section',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['（1）甲。\n\n（3）丙。', '（1）甲。\n\n（1）乙。'],
    accepts: ['（1）甲。\n\n（2）乙。\n\n## 二、下一节\n\n（1）丙。'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const source = String(file.value);
    let last = 0;
    for (const node of tree.children) {
      if (node.type === 'heading') last = 0;
      if (node.type !== 'paragraph') continue;
      const start = node.position?.start.offset;
      if (start === undefined) continue;
      const m = RUN_IN.exec(source.slice(start, start + 6));
      if (!m) continue;
      const value = Number(m[1]);
      // A list may start over at （1） inside one section (after “具体而言：”), but not repeat （1）.
      if (value !== last + 1 && !(value === 1 && last > 1)) {
        const expected = `（${last + 1}）`;
        report(file, id, `Unexpected run-in item \`${m[0]}\` after \`（${last}）\`, expected \`${expected}\``, start, start + m[0].length);
      }
      last = value;
    }
  },
};
