import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'resource-remote';
const REMOTE_SRC = /\b(?:src|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i;

export const resourceRemote: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images and embedded resources loaded from the network (the build is offline)',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['![图1](https://example.com/figure.png)', '<img src="http://example.com/a.png">'],
    accepts: ['<a href="http://www.xnjdcbs.com">http://www.xnjdcbs.com</a>', '[出版社网站](http://www.xnjdcbs.com)'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      // Links only point at the network; images and embeds would have to be fetched at build time.
      if (node.type === 'image' && /^(?:https?:)?\/\//i.test(node.url)) {
        report(file, id, `Unexpected remote image \`${node.url}\`, expected a local file (the build is offline)`, start, end);
      } else if (node.type === 'html' && REMOTE_SRC.test(node.value)) {
        report(file, id, 'Unexpected remote resource in HTML, expected a local file (the build is offline)', start, end);
      }
    });
  },
};
