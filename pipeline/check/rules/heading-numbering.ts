import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { formOf, parseNumbering } from '../numbering.ts';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'heading-numbering';

/** Offset where a heading's text starts in the source (after `## `). */
export function headingTextStart(node: Heading): number | undefined {
  return node.children[0]?.position?.start.offset;
}

export const headingNumbering: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Heading numbers in the GB/T 9704 forms (一、 （一） 1. （1）) and in sequence per level',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['## 一、甲\n\n## 二、乙\n\n## 四、丁', '### （三）甲\n\n### （三）乙', '### （一）、基于中央省委的部署要求', '#### 1、加强领导'],
    accepts: ['## 一、净化县域政治生态的重大意义\n\n### （一）基于中央省委的部署要求\n\n### （二）基于乐山现实的迫切需要\n\n## 二、当前的实践探索\n\n### （一）动态“监土”'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const source = String(file.value);
    const last = [0, 0, 0, 0, 0];
    for (const node of nodesOf(tree, 'heading')) {
      const start = headingTextStart(node);
      if (start === undefined) continue;
      const numbering = parseNumbering(source.slice(start, start + 12));
      if (!numbering) continue;
      const { level, value, length, canonical } = numbering;
      const written = source.slice(start, start + length).trim();
      if (canonical) {
        report(file, id, `Unexpected heading number \`${written}\`, expected \`${canonical}\``, start, start + length, [
          { start, end: start + length, text: canonical },
        ]);
      }
      const expected = last[level]! + 1;
      if (value !== expected) {
        const reason =
          value === last[level]
            ? `Unexpected repeated heading number \`${written}\`, expected \`${formOf(level, expected)}\``
            : `Unexpected heading number \`${written}\` after \`${last[level] === 0 ? 'the start of its section' : formOf(level, last[level]!)}\`, expected \`${formOf(level, expected)}\``;
        report(file, id, reason, start, start + length);
      }
      last[level] = value;
      for (let deeper = level + 1; deeper < last.length; deeper++) last[deeper] = 0;
    }
  },
};
