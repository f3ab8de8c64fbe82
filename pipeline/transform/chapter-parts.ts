/**
 * Lifts the chapter's metadata blocks out of its body: `:::abstract` (【摘要】) and `:::bios` (作者简介).
 * The editions place them themselves (abstract under the title, bios as a closing note).
 */
import type { BlockContent, DefinitionContent, Root } from 'mdast';

export interface ChapterParts {
  abstract: Array<BlockContent | DefinitionContent>;
  bios: Array<BlockContent | DefinitionContent>;
}

const PARTS = ['abstract', 'bios'] as const;

/** Removes the directive blocks from `tree` (a copy owned by the caller) and returns their content. */
export function takeChapterParts(tree: Root): ChapterParts {
  const parts: ChapterParts = { abstract: [], bios: [] };
  tree.children = tree.children.filter((node) => {
    if (node.type !== 'containerDirective') return true;
    const name = PARTS.find((part) => part === node.name);
    if (!name) return true;
    parts[name].push(...(node.children as Array<BlockContent | DefinitionContent>));
    return false;
  });
  return parts;
}
