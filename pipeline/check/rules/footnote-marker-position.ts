import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'footnote-marker-position';

export const footnoteMarkerPosition: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'A footnote marker before the sentence-final 。 (it usually follows the punctuation)',
  severity: 'warning',
  fixable: false,
  docs: {
    flags: ['全媒体直播节目[^1]。\n\n[^1]: 注释。'],
    accepts: ['全媒体直播节目。[^1]\n\n[^1]: 注释。', '嘉廉话[^1]是一档节目。\n\n[^1]: 注释。'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    const source = String(file.value);
    for (const node of nodesOf(tree, 'footnoteReference')) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || source[end] !== '。') continue;
      // A warning only: a marker may annotate the one word before it.
      report(file, id, `Unexpected footnote marker \`[^${node.label ?? node.identifier}]\` before 。, expected it after the punctuation: \`。[^${node.label ?? node.identifier}]\``, start, end);
    }
  },
};
