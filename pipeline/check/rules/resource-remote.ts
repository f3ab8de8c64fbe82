import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'resource-remote';
const REMOTE_SRC = /\b(?:src|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\//i;
/** Hosts that only exist on the reader's own machine or network: a published link to them is a leftover. */
const LOCAL_HOST = /^(?:https?:)?\/\/(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+)(?:[:/?#]|$)/i;

export const resourceRemote: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images and embedded resources loaded from the network (the build is offline)',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['![图1](https://example.com/figure.png)', '<img src="http://example.com/a.png">', '[内网](http://127.0.0.1:8080/)', '<div style="background:url(//example.com/a.png)">文</div>'],
    accepts: ['<a href="http://www.xnjdcbs.com">http://www.xnjdcbs.com</a>', '[出版社网站](http://www.xnjdcbs.com)'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const node of nodesOf(tree, 'image', 'link', 'definition', 'html')) {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      // Links only point at the network; images and embeds would have to be fetched at build time.
      if (node.type === 'image' && /^(?:https?:)?\/\//i.test(node.url)) {
        report(file, id, `Unexpected remote image \`${node.url}\`, expected a local file (the build is offline)`, start, end);
      } else if ((node.type === 'link' || node.type === 'definition') && LOCAL_HOST.test(node.url)) {
        report(file, id, `Unexpected link to a local address \`${node.url}\`, expected a public address or none`, start, end);
      } else if (node.type === 'html' && REMOTE_SRC.test(node.value)) {
        report(file, id, 'Unexpected remote resource in HTML, expected a local file (the build is offline)', start, end);
      }
    }
  },
};
