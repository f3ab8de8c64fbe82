/**
 * Book -> TransformedBook: the shared transforms every edition renders from, written once.
 * Per written chapter, in order: lift abstract and bios, number the footnotes, convert to hast,
 * give headings book-unique ids, keep only images inside the manuscript, keep —— and …… whole; then collect the characters for the fonts.
 * The chapter's mdast is copied first: the loaded Book stays as parsed (the preview re-checks it).
 */
import type { ElementContent, Root as HastRoot } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Book, TransformedBook, TransformedChapter } from '../book/types.ts';
import { labelCharacters } from '../render/labels.ts';
import { takeChapterParts } from './chapter-parts.ts';
import { numberFootnotes } from './footnotes.ts';
import { addHeadingIds } from './heading-ids.ts';
import { collectImages } from './images.ts';
import { blocksToHast, chapterToHast } from './to-hast.ts';
import { keepPairsWhole } from './typography.ts';
import { addCharacters } from './characters.ts';

export function transformChapter(chapter: Book['chapters'][number], manuscriptRoot: string): TransformedChapter | undefined {
  if (chapter.status !== 'written' || !chapter.tree) return undefined;
  const tree = structuredClone(chapter.tree);
  const parts = takeChapterParts(tree);
  const numbered = numberFootnotes(tree, chapter.id);
  const body = chapterToHast(tree);
  const headings = addHeadingIds(body, chapter.id);
  const assets = collectImages(body, chapter.file?.path ?? manuscriptRoot, manuscriptRoot);
  const typeset = (nodes: ElementContent[]) => {
    const root: HastRoot = { type: 'root', children: nodes };
    keepPairsWhole(root);
    return root.children as ElementContent[];
  };
  keepPairsWhole(body);
  return {
    chapter,
    id: chapter.id,
    headings,
    assets,
    abstract: typeset(blocksToHast(parts.abstract)),
    bios: typeset(blocksToHast(parts.bios)),
    body,
    notes: numbered.map((note) => ({
      id: note.id,
      refId: note.refId,
      number: note.number,
      content: typeset(blocksToHast(note.definition.children)),
    })),
  };
}

export function transformBook(book: Book): TransformedBook {
  const chapters = book.chapters
    .map((chapter) => transformChapter(chapter, book.root))
    .filter((c): c is TransformedChapter => c !== undefined);
  return { book, chapters, characters: charactersOf(book, chapters) };
}

function charactersOf(book: Book, chapters: TransformedChapter[]): Set<string> {
  const texts: string[] = [labelCharacters(), JSON.stringify(book.meta)];
  for (const chapter of chapters) {
    texts.push(chapter.chapter.title, chapter.chapter.subtitle ?? '', chapter.chapter.authors.join(''), chapter.chapter.keywords.join(''));
    texts.push(toString(chapter.body));
    for (const part of [...chapter.abstract, ...chapter.bios, ...chapter.notes.flatMap((n) => n.content)]) {
      texts.push(toString(part));
    }
  }
  const characters = new Set<string>();
  for (const text of texts) addCharacters(characters, text);
  return characters;
}
