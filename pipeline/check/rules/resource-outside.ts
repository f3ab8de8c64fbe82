import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { isInside } from '../../book/load.ts';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule, RuleContext } from '../types.ts';
import { REMOTE } from '../../book/link-path.ts';
import { localPath } from './resource-missing.ts';

const id = 'resource-outside';

export const resourceOutside: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images and chapter files outside the manuscript folder',
  severity: 'error',
  fixable: false,
  docs: { flags: ['![图1](../../secret/figure.png)'], accepts: ['![图1](images/figure-1.png)'] },
  plugin: (context: RuleContext) => (tree: Root, file: VFile) => {
    for (const node of nodesOf(tree, 'image', 'definition')) {
      if (REMOTE.test(node.url) || node.url.startsWith('#')) continue;
      if (node.type === 'definition' && !/\.(?:png|jpe?g|gif|svg|webp|avif)$/i.test(node.url)) continue;
      if (isInside(context.root, localPath(file, node.url))) continue;
      const start = node.position?.start.offset ?? 0;
      report(file, id, `Unexpected path \`${node.url}\` outside the manuscript folder, expected a file inside it`, start, node.position?.end.offset ?? start);
    }
  },
};
