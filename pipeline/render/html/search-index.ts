/**
 * The static search index of the HTML edition, built at build time so search works offline (and from
 * file://, hence a script rather than JSON to fetch): the text of each section, with its page, anchor,
 * chapter and heading. The search box matches the query as substrings (templates/html/search.js).
 * Chinese has no spaces, and a word index (Intl.Segmenter) both cost a third of the build and missed
 * every query the segmenter cut differently from the text; a whole book's text is a few hundred KB,
 * which a browser scans in milliseconds.
 */
import type { ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { TransformedChapter } from '../../book/types.ts';
import { LABELS } from '../labels.ts';

export interface SearchSection {
  /** `ch01.html#ch01-一…` */
  href: string;
  /** The chapter's title. */
  chapter: string;
  /** The section's heading (absent for the chapter's opening: title, authors, abstract). */
  heading?: string;
  text: string;
}

export interface SearchIndex {
  sections: SearchSection[];
}

/** Sections of a chapter, cached per transformed chapter (the preview re-indexes only what changed). */
const sectionsCache = new WeakMap<TransformedChapter, SearchSection[]>();

export function chapterSections(chapter: TransformedChapter, pageOf: (chapter: TransformedChapter) => string): SearchSection[] {
  const cached = sectionsCache.get(chapter);
  if (cached) return cached;
  const page = pageOf(chapter);
  const title = chapter.chapter.title;
  const sections: SearchSection[] = [];
  const textOf = (nodes: ElementContent[]) => nodes.map((node) => toString(node)).join('\n').trim();
  const opening: SearchSection = { href: `${page}#${chapter.id}`, chapter: title, text: [title, chapter.chapter.subtitle, chapter.chapter.authors.join(' '), textOf(chapter.abstract), chapter.chapter.keywords.join(' ')].filter(Boolean).join('\n') };
  sections.push(opening);
  let current = opening;
  for (const node of (chapter.body as Root).children) {
    if (node.type === 'element' && /^h[2-6]$/.test(node.tagName) && typeof node.properties.id === 'string') {
      current = { href: `${page}#${node.properties.id}`, chapter: title, heading: toString(node), text: '' };
      sections.push(current);
    } else if (node.type === 'element' || node.type === 'text') {
      const text = toString(node).trim();
      if (text) current.text += (current.text ? '\n' : '') + text;
    }
  }
  if (chapter.bios.length) sections.push({ href: `${page}#${chapter.id}-bios`, chapter: title, heading: LABELS.bios, text: textOf(chapter.bios) });
  if (chapter.notes.length) {
    sections.push({ href: `${page}#${chapter.id}-notes`, chapter: title, heading: LABELS.notes, text: chapter.notes.map((note) => `${note.number}. ${textOf(note.content)}`).join('\n') });
  }
  sectionsCache.set(chapter, sections);
  return sections;
}

/** The index as a script that defines `window.folioSearchIndex` (loads from file:// where fetch cannot). */
export function searchIndexScript(sections: SearchSection[]): string {
  const index: SearchIndex = { sections };
  return `window.folioSearchIndex = ${JSON.stringify(index)};\n`;
}
