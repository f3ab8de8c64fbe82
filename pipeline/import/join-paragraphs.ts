/**
 * Step 7: paragraphs cut at old page breaks -> whole paragraphs. A paragraph that ends without
 * sentence-final punctuation, followed by a paragraph that does not open a numbered item, continues it.
 */
import { joinCut, type Block, type Note, type StepResult } from './types.ts';

/** Ends a paragraph: sentence-final punctuation (or a colon that introduces what follows), then closers. */
export const FINAL = /(?:[。！？!?…：:]|(?<!\d)\.)[”’」』）)\]】》]*\s*$/;
/** Opens a numbered item: 一、 （一） 1. （1） ①. */
export const NUMBERED = /^\s*(?:[一二三四五六七八九十百]+[、.．]|[(（]\s*[一二三四五六七八九十百\d]+\s*[)）]|\d+\s*[.．、](?!\d)|[\u2460-\u2473])/;

export function joinParagraphs(blocks: Block[]): StepResult<Block[]> {
  const out: Block[] = [];
  const notes: Note[] = [];
  for (const block of blocks) {
    const before = out.at(-1);
    if (before?.kind === 'paragraph' && block.kind === 'paragraph' && !FINAL.test(before.text) && !NUMBERED.test(block.text)) {
      const head = before.text.replace(/\s+$/, '');
      const joined = joinCut(head, block.text);
      const at = joined.length - block.text.replace(/^\s+/, '').length;
      notes.push({
        level: 'changed',
        line: before.line,
        message: `Paragraph cut at a page break joined with line ${block.line}: …${head.slice(-8)} | ${block.text.trim().slice(0, 8)}…`,
      });
      out[out.length - 1] = { ...before, text: joined, origins: [...before.origins, ...block.origins.map((o) => ({ at: o.at + at, line: o.line }))] };
      continue;
    }
    out.push(block);
  }
  return { value: out, notes };
}
