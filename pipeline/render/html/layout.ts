/**
 * The frame every page of the HTML edition shares: the document head (one stylesheet, no byte from
 * another host), a header with the book's title and the search box, the page's main content, and the
 * previous / contents / next navigation. Pages are hast; this module only assembles them.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { LABELS } from '../labels.ts';

export const STYLESHEET = 'folio.css';
export const SEARCH_SCRIPT = 'search.js';
export const SEARCH_INDEX_SCRIPT = 'search-index.js';

export interface PageLink {
  href: string;
  title: string;
}

export interface PageFrame {
  /** The document title (the book's title is appended). */
  title: string;
  bookTitle: string;
  /** The page's own content, placed in <main>. */
  main: ElementContent[];
  previous?: PageLink;
  next?: PageLink;
  /** False on the contents page itself. */
  contentsLink: boolean;
  /** Extra class on <body>, for page-specific styles. */
  bodyClass: string;
}

export function page(frame: PageFrame): Root {
  const title = frame.title === frame.bookTitle ? frame.bookTitle : `${frame.title} - ${frame.bookTitle}`;
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'zh-Hans' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('link', { rel: 'stylesheet', href: STYLESHEET }),
          h('script', { src: SEARCH_SCRIPT, defer: true }),
        ]),
        h('body', { className: [frame.bodyClass] }, [
          header(frame.bookTitle),
          h('main#main', frame.main),
          pager(frame),
        ]),
      ]),
    ],
  };
}

/** The search form is hidden until search.js shows it: without JavaScript the page has no dead control. */
function header(bookTitle: string): Element {
  return h('header.site-header', [
    h('a.site-title', { href: 'index.html' }, bookTitle),
    h('form.search', { role: 'search', hidden: true, dataIndex: SEARCH_INDEX_SCRIPT, dataNoResults: LABELS.noResults }, [
      h('label.visually-hidden', { htmlFor: 'search-input' }, LABELS.search),
      h('input#search-input', { type: 'search', name: 'q', placeholder: LABELS.searchPlaceholder, autocomplete: 'off' }),
      h('button', { type: 'submit' }, LABELS.search),
      h('div#search-results.search-results', { ariaLive: 'polite' }),
    ]),
  ]);
}

function pager(frame: PageFrame): Element | undefined {
  const links: Element[] = [];
  if (frame.previous) links.push(h('a.pager-previous', { href: frame.previous.href, rel: 'prev' }, [h('span.pager-label', LABELS.previous), h('span.pager-title', frame.previous.title)]));
  if (frame.contentsLink) links.push(h('a.pager-contents', { href: 'index.html' }, LABELS.backToContents));
  if (frame.next) links.push(h('a.pager-next', { href: frame.next.href, rel: 'next' }, [h('span.pager-label', LABELS.next), h('span.pager-title', frame.next.title)]));
  if (links.length === 0) return undefined;
  return h('nav.pager', { ariaLabel: `${LABELS.previous} / ${LABELS.next}` }, links);
}
