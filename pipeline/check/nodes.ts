/**
 * A chapter's nodes of some types, in document order, collected in one walk and shared by the rules
 * that only look at nodes (images, headings, links, footnote references): each of them had walked the
 * whole tree itself, a dozen walks a chapter. Loaded trees are never changed (the transforms copy
 * them), so the lists stay true for as long as the tree lives.
 */
import type { Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';

const cache = new WeakMap<Root, Nodes[]>();

export function nodesOf<Type extends Nodes['type']>(tree: Root, ...types: Type[]): Array<Extract<Nodes, { type: Type }>> {
  let all = cache.get(tree);
  if (!all) {
    const nodes: Nodes[] = [];
    visit(tree, (node) => void nodes.push(node));
    cache.set(tree, (all = nodes));
  }
  return all.filter((node): node is Extract<Nodes, { type: Type }> => (types as string[]).includes(node.type));
}
