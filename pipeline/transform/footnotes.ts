/**
 * Footnotes, numbered per chapter in order of first reference. Definitions leave the body (each edition
 * places notes its own way: pop-ups, EPUB asides, page-foot notes); references are replaced by the
 * note's number. Ids are prefixed by the chapter id so they are unique across the book.
 */
import type { FootnoteDefinition, Root } from 'mdast';
import { visit } from 'unist-util-visit';

export interface NumberedNote {
  number: number;
  id: string;
  refId: string;
  definition: FootnoteDefinition;
}

/** Mutates `tree`: definitions are removed, each reference gets `data.note` = its NumberedNote. */
export function numberFootnotes(tree: Root, chapterId: string): NumberedNote[] {
  const definitions = new Map<string, FootnoteDefinition>();
  visit(tree, 'footnoteDefinition', (node, index, parent) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if (parent && index !== undefined) {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
  const notes = new Map<string, NumberedNote>();
  visit(tree, 'footnoteReference', (node) => {
    const definition = definitions.get(node.identifier);
    if (!definition) return; // `folio check` reports it; the editions print the text without a marker
    let note = notes.get(node.identifier);
    if (!note) {
      const number = notes.size + 1;
      note = { number, id: `${chapterId}-fn${number}`, refId: `${chapterId}-fnref${number}`, definition };
      notes.set(node.identifier, note);
    }
    node.data = { ...node.data, folioNote: note };
  });
  return [...notes.values()];
}

declare module 'mdast' {
  interface FootnoteReferenceData {
    folioNote?: NumberedNote;
  }
}
