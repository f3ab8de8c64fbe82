/**
 * rewriteElements copies only the path to a change: the transformed chapters are shared by every
 * edition, so a renderer that changed one in place would change what the next edition renders.
 */
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { rewriteElements } from '../../pipeline/render/rewrite.ts';

const tree = (): Root => ({
  type: 'root',
  children: [h('p', ['甲', h('a', { href: '#x' }, '乙')]), h('p', ['丙', h('em', '丁')]), h('h2', '戊')],
});

describe('rewriteElements', () => {
  it('replaces the elements asked for, after their children, and leaves the original tree as it was', () => {
    const original = tree();
    const before = structuredClone(original);
    const seen: string[] = [];
    const rewritten = rewriteElements(original, (element) => {
      seen.push(element.tagName);
      if (element.tagName === 'a') return h('span.link', [element, '→']);
      if (element.tagName === 'h2') return { ...element, tagName: 'h3' };
      return undefined;
    });
    expect(toHtml(rewritten)).toBe('<p>甲<span class="link"><a href="#x">乙</a>→</span></p><p>丙<em>丁</em></p><h3>戊</h3>');
    expect(original).toEqual(before);
    expect(seen).toEqual(['a', 'p', 'em', 'p', 'h2']);
  });

  it('shares every node on no path to a change, and returns the tree itself when nothing changes', () => {
    const original = tree();
    const rewritten = rewriteElements(original, (element) => (element.tagName === 'a' ? { ...element, properties: { href: '#y' } } : undefined));
    expect(rewritten).not.toBe(original);
    expect(rewritten.children[0]).not.toBe(original.children[0]);
    expect(rewritten.children[1]).toBe(original.children[1]);
    expect(rewritten.children[2]).toBe(original.children[2]);
    expect(((original.children[0] as Element).children[1] as Element).properties.href).toBe('#x');
    const untouched = tree();
    expect(rewriteElements(untouched, () => undefined)).toBe(untouched);
  });
});
