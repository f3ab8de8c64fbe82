/**
 * A paragraph that holds only an image is a figure: the image, and its alt text as the caption below
 * it (图1 …), as Chinese reports number and title their figures. Markdown has no caption syntax; this is
 * pandoc's reading of a lone image too. An image inside running text stays inline, captionless.
 */
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';

export function makeFigures(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'p' || !parent || index === undefined) return;
    const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    const image = content[0];
    if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return;
    const caption = typeof image.properties.alt === 'string' ? image.properties.alt.trim() : '';
    const figure: Element = h('figure', caption ? [image, h('figcaption', caption)] : [image]);
    parent.children.splice(index, 1, figure);
    return [SKIP, index + 1];
  });
}
