import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'heading-punctuation';
const TRAILING = /[。，；：、,.;:]+$/;

export const headingPunctuation: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Headings end without 。，；：',
  severity: 'error',
  fixable: true,
  docs: {
    flags: ['## 一、净化县域政治生态的重大意义。', '### （一）基于中央省委的部署要求：'],
    accepts: ['## 一、净化县域政治生态的重大意义', '### 何去何从？'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const source = String(file.value);
    for (const node of nodesOf(tree, 'heading')) {
      const last = node.children[node.children.length - 1];
      const end = last?.position?.end.offset;
      if (last?.type !== 'text' || end === undefined) continue;
      const m = TRAILING.exec(source.slice(Math.max(0, end - 8), end));
      if (!m) continue;
      const start = end - m[0].length;
      report(file, id, `Unexpected \`${m[0]}\` at the end of a heading, expected none`, start, end, [{ start, end, text: '' }]);
    }
  },
};
