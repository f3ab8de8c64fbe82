/**
 * The static search index of the HTML edition, built at build time so search works offline (and from
 * file://, hence a script rather than JSON to fetch). Chinese has no spaces: words come from
 * Intl.Segmenter('zh-Hans'), which Node and Chromium both carry, so no dictionary package is needed.
 *
 *   sections: one per heading (and the abstract, bios and notes), with the page, the anchor, the
 *             chapter's title and the heading
 *             and the section's text (the source of result snippets)
 *   words:    word -> indexes of the sections that contain it
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
  words: Record<string, number[]>;
}

const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });

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

/**
 * V8's segment iterator costs time quadratic in the length of the string it walks (80,000 characters:
 * 27 s), so long texts are segmented in pieces cut after punctuation or spaces, never inside a word
 * run longer than CHUNK (where a cut costs at most one split word).
 */
const CHUNK = 256;

function* chunksOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK, text.length);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = Math.max(...[...'。，、；：！？\n '].map((mark) => window.lastIndexOf(mark)));
      if (cut > 0) end = start + cut + 1;
    }
    yield text.slice(start, end);
    start = end;
  }
}

/** The words of a text as the search box will look them up (lower case, word-like segments only). */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const chunk of chunksOf(text.toLowerCase())) {
    for (const segment of segmenter.segment(chunk)) if (segment.isWordLike) words.add(segment.segment);
  }
  return words;
}

const wordsCache = new WeakMap<SearchSection, Set<string>>();

export function buildSearchIndex(sections: SearchSection[]): SearchIndex {
  const words: Record<string, number[]> = Object.create(null);
  sections.forEach((section, index) => {
    let sectionWords = wordsCache.get(section);
    if (!sectionWords) wordsCache.set(section, (sectionWords = wordsOf(`${section.heading ?? ''}\n${section.text}`)));
    for (const word of sectionWords) (words[word] ??= []).push(index);
  });
  return { sections, words };
}

/** The index as a script that defines `window.folioSearchIndex` (loads from file:// where fetch cannot). */
export function searchIndexScript(index: SearchIndex): string {
  return `window.folioSearchIndex = ${JSON.stringify(index)};\n`;
}
