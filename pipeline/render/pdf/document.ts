/**
 * The HTML of one print document (the front matter, or a group of chapters). The content sits in a
 * <template>, so the browser does not lay out the whole unpaginated text before Paged.js paginates
 * it; the @font-face rules sit in a style Paged.js ignores. The print CSS is handed to Paged.js
 * directly (it cannot read a <link> over file://).
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

export const SCRIPTS = ['paged.js', 'paginate.js'] as const;

export function documentHtml(options: { lang: string; title: string; fontCss: string; content: Element[] }): string {
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: options.lang }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('title', options.title),
        h('style', { dataPagedjsIgnore: '' }, options.fontCss),
        ...SCRIPTS.map((src) => h('script', { src })),
      ]),
      h('body', [h('template#folio-content', options.content)]),
    ]),
  ]);
  return toHtml(tree);
}
