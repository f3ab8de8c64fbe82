import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule } from '../types.ts';

const id = 'resource-unsafe-html';
// Elements that run code, load other documents, redirect or restyle the page; handlers; script URLs.
const UNSAFE = /<\s*(?:script|iframe|frame|frameset|object|embed|meta|link|base|style|form|svg|math)\b|\son[a-z]+\s*=|javascript:|vbscript:/i;

export const resourceUnsafeHtml: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Raw HTML or links that could run code or load other pages (<script>, <iframe>, <meta http-equiv=refresh>, on*= handlers, javascript: URLs)',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['<script>alert(1)</script>', '<img src="a.png" onerror="alert(1)">', '[点此](javascript:alert(1))', '<meta http-equiv="refresh" content="0;url=http://127.0.0.1/">', '<iframe src="page.html"></iframe>'],
    accepts: ['<a href="http://www.xnjdcbs.com">http://www.xnjdcbs.com</a>', '<sup>1</sup>'],
  },
  plugin: () => (tree: Root, file: VFile) => {
    for (const node of nodesOf(tree, 'html', 'link', 'image', 'definition')) {
      const unsafe =
        node.type === 'html' ? UNSAFE.exec(node.value) : (node.type === 'link' || node.type === 'image' || node.type === 'definition') && /^\s*javascript:/i.test(node.url) ? ['javascript:'] : null;
      if (!unsafe) continue;
      const start = node.position?.start.offset ?? 0;
      report(file, id, `Unexpected \`${(unsafe[0] ?? "").trim()}\` that could run code, expected plain Markdown`, start, node.position?.end.offset ?? start);
    }
  },
};
