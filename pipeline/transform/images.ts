/**
 * Images of a chapter: each `src` must name a file inside the manuscript folder (symlinks resolved).
 * Such files become book assets under `assets/`, which every edition copies beside its pages; any other
 * image (missing, outside the folder, a URL) is left out with its alt text, so no edition loads it.
 * `folio check` reports each of these with its position.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { isInside } from '../book/load.ts';

/** Rewrites image sources to `assets/<hash>-<name>` and returns those assets (href -> absolute path). */
export function collectImages(tree: Root, chapterPath: string, manuscriptRoot: string): Map<string, string> {
  const assets = new Map<string, string>();
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = typeof node.properties.src === 'string' ? decodeURI(node.properties.src) : '';
    const path = resolve(dirname(chapterPath), src);
    if (src && !/^[a-z][a-z0-9+.-]*:/i.test(src) && statSync(path, { throwIfNoEntry: false })?.isFile() && isInside(manuscriptRoot, path)) {
      const href = `assets/${createHash('sha1').update(path).digest('hex').slice(0, 8)}-${basename(path)}`;
      assets.set(href, path);
      node.properties.src = href;
      return;
    }
    const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
    parent.children.splice(index, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
    return index;
  });
  return assets;
}
