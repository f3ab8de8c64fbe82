/**
 * Chinese typography that needs markup, not just CSS: the two-em dash —— and the ellipsis …… must never
 * break across lines (GB/T 15834), so each run is wrapped in `<span class="nobreak">`, which the
 * templates set `white-space: nowrap` (and `fwid` for the dash).
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

const UNBREAKABLE = /(—{2,}|…{2,}|⸺+)/;

export function keepPairsWhole(tree: Root | Element): void {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || !UNBREAKABLE.test(node.value)) return;
    if (parent.type === 'element' && (parent.properties.className as string[] | undefined)?.includes('nobreak')) return;
    const pieces: ElementContent[] = node.value
      .split(UNBREAKABLE)
      .filter((piece) => piece !== '')
      .map((piece) =>
        UNBREAKABLE.test(piece)
          ? { type: 'element', tagName: 'span', properties: { className: ['nobreak'] }, children: [{ type: 'text', value: piece }] }
          : { type: 'text', value: piece },
      );
    parent.children.splice(index, 1, ...pieces);
    return [SKIP, index + pieces.length];
  });
}
