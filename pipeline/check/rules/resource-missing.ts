import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { isInside } from '../../book/load.ts';
import { REMOTE } from '../../book/link-path.ts';
import { nodesOf } from '../nodes.ts';
import { report } from '../report.ts';
import type { ChapterRule, RuleContext } from '../types.ts';

const id = 'resource-missing';

/** The local file an image URL points at, relative to the chapter file. */
export function localPath(file: VFile, url: string): string {
  let path = url.split(/[?#]/)[0]!;
  try {
    path = decodeURI(path);
  } catch {
    // keep the URL as written when it is not valid percent-encoding
  }
  return resolve(file.path ? dirname(file.path) : file.cwd, path);
}

export const resourceMissing: ChapterRule = {
  kind: 'chapter',
  id,
  description: 'Images that do not exist',
  severity: 'error',
  fixable: false,
  docs: { flags: ['![图1](images/missing.png)'], accepts: ['[第二章](chapter-2.md)'] },
  plugin: (context: RuleContext) => (tree: Root, file: VFile) => {
    for (const node of nodesOf(tree, 'image')) {
      if (REMOTE.test(node.url)) continue;
      const path = localPath(file, node.url);
      if (!isInside(context.root, path) || existsSync(path)) continue; // outside: resource-outside reports it
      const start = node.position?.start.offset ?? 0;
      report(file, id, `Unexpected missing image \`${node.url}\`, expected a file at that path`, start, node.position?.end.offset ?? start);
    }
  },
};
