import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'image-alt';

/**
 * An image's alt text is the caption of its figure in every edition (图1 …) and what a screen reader
 * reads in its place; accessibility checks of ebooks (Ace, the European Accessibility Act's) ask for it.
 */
export const imageAlt: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images without alt text (it is their caption, and what a screen reader reads)',
  severity: 'warning',
  fixable: false,
  docs: { flags: ['![](images/grid.png)'], accepts: ['![图1 研经社区网格分布示意图](images/grid.png)'] },
  plugin: () => (tree: Root, file: VFile) => {
    for (const node of nodesOf(tree, 'image')) {
      if ((node.alt ?? '').trim() !== '') continue;
      const start = node.position?.start.offset ?? 0;
      const reason = `Unexpected image \`${node.url}\` without alt text, expected a description such as \`![图1 ……](${node.url})\`: it is the figure's caption and what a screen reader reads`;
      report(file, id, reason, start, node.position?.end.offset ?? start);
    }
  },
};
