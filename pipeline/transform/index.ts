/**
 * Book -> TransformedBook: the shared transforms every edition renders from, written once.
 * Per written chapter, in order: lift abstract and bios, number the footnotes, convert to hast,
 * give headings book-unique ids, point links inside the book at ids, keep only images inside the manuscript, make a lone image a captioned figure,
 * keep —— and …… whole, align table columns by class; then collect the characters for the fonts.
 * The chapter's mdast is copied first: the loaded Book stays as parsed (the preview re-checks it).
 */
import type { ElementContent, Root as HastRoot } from 'hast';
import type { Book, TransformedBook, TransformedChapter } from '../book/types.ts';
import { labelCharacters } from '../render/labels.ts';
import { takeChapterParts } from './chapter-parts.ts';
import { numberFootnotes } from './footnotes.ts';
import { addHeadingIds } from './heading-ids.ts';
import { pointLinks } from './links.ts';
import { makeFigures } from './figures.ts';
import { collectImages } from './images.ts';
import { blocksToHast, chapterToHast } from './to-hast.ts';
import { keepPairsWhole } from './typography.ts';
import { alignTableColumns } from './table-align.ts';
import { addCharacters, addCharactersOf } from './characters.ts';

export function transformChapter(chapter: Book['chapters'][number], book: Pick<Book, 'root' | 'chapters'>): TransformedChapter | undefined {
  if (chapter.status !== 'written' || !chapter.tree) return undefined;
  const tree = structuredClone(chapter.tree);
  const parts = takeChapterParts(tree);
  const numbered = numberFootnotes(tree, chapter.id);
  const body = chapterToHast(tree);
  const headings = addHeadingIds(body, chapter.id);
  const assets = collectImages(body, chapter.file?.path ?? book.root, book.root);
  makeFigures(body);
  const typeset = (root: HastRoot) => {
    keepPairsWhole(root);
    alignTableColumns(root);
    return root;
  };
  const typesetNodes = (nodes: ElementContent[]) => typeset({ type: 'root', children: nodes }).children as ElementContent[];
  typeset(body);
  const abstract = typesetNodes(blocksToHast(parts.abstract));
  const bios = typesetNodes(blocksToHast(parts.bios));
  const notes = numbered.map((note) => ({ id: note.id, refId: note.refId, number: note.number, content: typesetNodes(blocksToHast(note.definition.children)) }));
  const crossLinks = pointLinks([body, ...abstract, ...bios, ...notes.flatMap((note) => note.content)], chapter, book, headings);
  return { chapter, id: chapter.id, headings, assets, abstract, bios, body, notes, crossLinks };
}

export function transformBook(book: Book): TransformedBook {
  const chapters = book.chapters
    .map((chapter) => transformChapter(chapter, book))
    .filter((c): c is TransformedChapter => c !== undefined);
  return { book, chapters, characters: charactersOf(book, chapters) };
}

/**
 * `transformed` with one chapter, just read again, transformed again; the others are kept as they are
 * (an edit in the preview, or a print session rendering again). The characters only grow: one that the
 * edit removed keeps its font slice until the next whole build.
 */
export function withChapterTransformed(transformed: TransformedBook, chapter: Book['chapters'][number]): TransformedBook {
  const fresh = transformChapter(chapter, transformed.book);
  const chapters = transformed.chapters.filter((c) => c.id !== chapter.id);
  if (fresh) chapters.push(fresh);
  chapters.sort((a, b) => a.chapter.number - b.chapter.number);
  const characters = new Set(transformed.characters);
  if (fresh) addChapterCharacters(characters, fresh);
  return { ...transformed, chapters, characters };
}

function charactersOf(book: Book, chapters: TransformedChapter[]): Set<string> {
  const characters = new Set<string>();
  for (const text of [labelCharacters(), JSON.stringify(book.meta)]) addCharacters(characters, text);
  for (const chapter of chapters) addChapterCharacters(characters, chapter);
  return characters;
}

function addChapterCharacters(characters: Set<string>, chapter: TransformedChapter): void {
  addCharacters(characters, [chapter.chapter.title, chapter.chapter.subtitle ?? '', ...chapter.chapter.authors, ...chapter.chapter.keywords].join(''));
  addCharactersOf(characters, [chapter.body, ...chapter.abstract, ...chapter.bios, ...chapter.notes.flatMap((note) => note.content)]);
}
