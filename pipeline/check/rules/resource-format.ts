import { extname } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { BY_EXTENSION, type Format, formatOf, readHead, svgProblem } from '../../book/image-format.ts';
import { isInside } from '../../book/load.ts';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule, RuleContext } from '../types.ts';
import { REMOTE } from '../../book/link-path.ts';
import { localPath } from './resource-missing.ts';

const id = 'resource-format';

const EXTENSION: Record<Format, string> = { PNG: '.png', JPEG: '.jpg', GIF: '.gif', SVG: '.svg' };
const SHOWN = 'PNG, JPEG, GIF or SVG (the formats every reading system shows)';

function reasonFor(url: string, extension: string, named: Format | undefined, actual: Format | 'WebP' | undefined): string {
  if (actual && actual !== 'WebP') return `Unexpected image \`${url}\` whose content is ${actual}, expected a name ending in ${EXTENSION[actual]} (the EPUB declares an image's type by its name): rename it`;
  if (actual) return `Unexpected image \`${url}\` in ${actual} format, expected ${SHOWN}: convert it`;
  if (named) return `Unexpected image \`${url}\` that is not a ${named} file, nor any image, expected ${SHOWN}`;
  return `Unexpected image \`${url}\` in a format folio does not ship (\`${extension || 'no extension'}\`), expected ${SHOWN}: convert it`;
}

/**
 * An image an edition cannot show as it is named: a format reading systems need not display (WebP,
 * TIFF, BMP…), a file whose content is another format than its name says (a JPEG saved as .png), or
 * not an image at all; or an SVG that runs a script or loads another file. The EPUB declares each
 * image's type by its name, and epubcheck rejects all four.
 */
export const resourceFormat: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images that are not PNG, JPEG, GIF or self-contained SVG files, or whose content is not what their name says',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['![图1 扫描件](images/scan.webp)', '![图2 照片](images/photo-saved-as.png)', '![图3 网格图](images/broken.png)', '![图4 流程图](images/remote-logo.svg)'],
    accepts: ['![图1 研经社区网格分布示意图](images/grid.png)', '![图2 流程图](images/flow.svg)'],
  },
  plugin: (context: RuleContext) => (tree: Root, file: VFile) => {
    for (const node of nodesOf(tree, 'image')) {
      if (REMOTE.test(node.url)) continue;
      const path = localPath(file, node.url);
      if (!isInside(context.root, path)) continue; // resource-outside reports it
      const head = readHead(path);
      if (!head) continue; // missing: resource-missing reports it
      const extension = extname(path).toLowerCase();
      const named = BY_EXTENSION[extension];
      const actual = formatOf(head);
      const unsafe = named === 'SVG' && actual === 'SVG' ? svgProblem(path) : undefined;
      if (named && actual === named && !unsafe) continue;
      const start = node.position?.start.offset ?? 0;
      const reason = unsafe
        ? `Unexpected image \`${node.url}\` with ${unsafe}, expected a self-contained SVG (no script, event handler or reference to another file): EPUB readers refuse it`
        : reasonFor(node.url, extension, named, actual);
      report(file, id, reason, start, node.position?.end.offset ?? start);
    }
  },
};
