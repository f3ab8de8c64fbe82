import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { LEVEL_FORMS, parseNumbering } from '../numbering.ts';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';
import { headingTextStart } from './heading-numbering.ts';

const id = 'heading-level';

export const headingLevel: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Heading levels follow the numbering (一、 ##, （一） ###, 1. ####, （1） #####) and skip none',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['## （二）基于乐山现实的迫切需要', '### 三、阻碍县域政治生态建设的深层问题', '## 引言\n\n#### 细节'],
    accepts: ['## 一、净化县域政治生态的重大意义\n\n### （一）基于中央省委的部署要求\n\n#### 1. 加强领导'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const source = String(file.value);
    let previous = 1;
    for (const node of nodesOf(tree, 'heading')) {
      const start = node.position?.start.offset;
      const textStart = headingTextStart(node);
      if (start === undefined || textStart === undefined) continue;
      const numbering = parseNumbering(source.slice(textStart, textStart + 12));
      const hashes = /^#{1,6}/.exec(source.slice(start, start + 6));
      if (numbering) {
        const expected = numbering.level + 1;
        if (node.depth !== expected) {
          const form = LEVEL_FORMS[numbering.level - 1];
          // The numbering decides: only ATX headings (`##`) can be fixed by rewriting their marks.
          const edits = hashes ? [{ start, end: start + hashes[0].length, text: '#'.repeat(expected) }] : undefined;
          report(file, id, `Unexpected level ${node.depth} (\`${'#'.repeat(node.depth)}\`) for a \`${form}\`-level heading, expected level ${expected} (\`${'#'.repeat(expected)}\`)`, start, start + node.depth, edits);
        }
        previous = expected;
        continue;
      }
      if (node.depth > previous + 1) {
        report(file, id, `Unexpected level ${node.depth} after level ${previous}, expected at most level ${previous + 1} (no skipped levels)`, start, start + node.depth);
      }
      previous = node.depth;
    }
  },
};
