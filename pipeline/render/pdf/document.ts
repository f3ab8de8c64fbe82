/**
 * The HTML a print window works with. A window loads a shell once: the book's @font-face rules (in a
 * style Paged.js ignores, so it does not fetch ~300 font files itself) and the scripts. Each document it
 * paginates (the front matter, or a group of chapters) is then handed over as an HTML fragment, which
 * Paged.js paginates from a <template>: the unpaginated text is never laid out first. The print CSS is
 * handed to Paged.js directly (it cannot read a <link> over file://).
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

export const SCRIPTS = ['paged.js', 'paginate.js'] as const;

export function shellHtml(options: { lang: string; title: string; fontCss: string }): string {
  return toHtml(
    h(null, [
      { type: 'doctype' },
      h('html', { lang: options.lang }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('title', options.title),
          h('style', { dataPagedjsIgnore: '' }, options.fontCss),
          ...SCRIPTS.map((src) => h('script', { src })),
        ]),
        h('body'),
      ]),
    ]),
  );
}

export function contentHtml(content: Element[]): string {
  return toHtml(content);
}
