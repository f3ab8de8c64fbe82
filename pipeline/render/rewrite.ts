/**
 * A copy of a hast tree with some elements replaced, sharing every node on no path to a change.
 * The transformed chapters are rendered by every edition, so a renderer must not change them in place;
 * copying a whole chapter (structuredClone) for a few note references cost ~1 ms a chapter each time.
 */
import type { Element, ElementContent, Root } from 'hast';

/**
 * `replace` sees each element after its children have been rewritten and returns its replacement, or
 * undefined to keep it. Returns `tree` itself when nothing was replaced.
 */
export function rewriteElements<T extends Root | Element>(tree: T, replace: (element: Element) => ElementContent | undefined): T {
  let children: ElementContent[] | undefined;
  const old = tree.children as ElementContent[];
  for (let index = 0; index < old.length; index++) {
    const child = old[index]!;
    let next: ElementContent = child;
    if (child.type === 'element') {
      next = rewriteElements(child, replace);
      next = replace(next) ?? next;
    }
    if (next !== child && !children) children = old.slice(0, index);
    children?.push(next);
  }
  return children ? { ...tree, children } : tree;
}
