import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isInside } from '../../book/load.ts';
import { report } from '../report.ts';
import type { ChapterRule, RuleContext } from '../types.ts';
import { localPath, REMOTE } from './resource-missing.ts';

const id = 'resource-format';

type Format = 'PNG' | 'JPEG' | 'GIF' | 'SVG';

/**
 * The formats every edition shows: EPUB 3.2's core image types, which every reading system displays
 * and epubcheck accepts without a fallback (WebP became one only in EPUB 3.3; epubcheck 4 rejects it).
 */
const BY_EXTENSION: Record<string, Format> = { '.png': 'PNG', '.jpg': 'JPEG', '.jpeg': 'JPEG', '.gif': 'GIF', '.svg': 'SVG' };

/** Enough of a file's head to tell its format (an SVG may open with an XML declaration and comments). */
const HEAD_BYTES = 1024;

/** What the file's first bytes say it is, whatever its name says. */
export function formatOf(head: Buffer): Format | 'WebP' | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'JPEG';
  if (/^GIF8[79]a/.test(head.toString('latin1', 0, 6))) return 'GIF';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'WebP';
  if (/<svg[\s>]/.test(head.toString('utf8'))) return 'SVG';
  return undefined;
}

/** The file's first bytes; undefined when there is no such file, empty when it cannot be read as one (a folder). */
function readHead(path: string): Buffer | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, readSync(descriptor, head, 0, HEAD_BYTES, 0));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : Buffer.alloc(0);
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

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
 * not an image at all. The EPUB declares each image's type by its name, and epubcheck rejects all three.
 */
export const resourceFormat: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images that are not PNG, JPEG, GIF or SVG files, or whose content is not what their name says',
  severity: 'error',
  fixable: false,
  docs: {
    flags: ['![图1 扫描件](images/scan.webp)', '![图2 照片](images/photo-saved-as.png)', '![图3 网格图](images/broken.png)'],
    accepts: ['![图1 研经社区网格分布示意图](images/grid.png)', '![图2 流程图](images/flow.svg)'],
  },
  plugin: (context: RuleContext) => (tree: Root, file: VFile) => {
    visit(tree, 'image', (node) => {
      if (REMOTE.test(node.url)) return;
      const path = localPath(file, node.url);
      if (!isInside(context.root, path)) return; // resource-outside reports it
      const head = readHead(path);
      if (!head) return; // missing: resource-missing reports it
      const extension = extname(path).toLowerCase();
      const named = BY_EXTENSION[extension];
      const actual = formatOf(head);
      if (named && actual === named) return;
      const start = node.position?.start.offset ?? 0;
      const reason = reasonFor(node.url, extension, named, actual);
      report(file, id, reason, start, node.position?.end.offset ?? start);
    });
  },
};
