/**
 * A table column's alignment (`| :--- | ---: |` in GFM) as a class on its cells. remark writes it as
 * `align="right"`, obsolete in HTML5, and the EPUB packager's attribute allowlist drops it: the EPUB's
 * numbers lost their right alignment. book.css sets `.align-left|center|right` for every edition.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

const ALIGNMENTS = new Set(['left', 'center', 'right']);

export function alignTableColumns(tree: Root): void {
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'td' && node.tagName !== 'th') return;
    const align = node.properties.align;
    if (align === undefined) return;
    delete node.properties.align;
    if (typeof align !== 'string' || !ALIGNMENTS.has(align)) return;
    const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
    node.properties.className = [...classes, `align-${align}`];
  });
}
