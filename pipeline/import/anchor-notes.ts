/**
 * Step 9: lifted notes -> GFM footnote references back in the text, numbered in order of first reference.
 * The export lost the markers, so the anchor is read from the note itself:
 *   - a note that defines a term (`嘉廉话是…`) anchors after the term's first occurrence in the body;
 *   - a note that explains (`即…`) anchors after the quoted phrase (“…”) whose words and number best match
 *     it (“三个一律不用” for a note listing three 一律不用 items);
 *   - otherwise, or when two phrases match equally well, at the end of the paragraph the note block was
 *     dumped into, reported for the editor.
 * The marker goes right after the term or the closing quote, before any punctuation that follows: that is
 * where the Chinese original puts it, since the note annotates that word, not the clause.
 */
import { lineAt, type Block, type Footnote, type LiftedNote, type Note, type StepResult } from './types.ts';

export interface Anchored {
  body: Block[];
  footnotes: Footnote[];
}

interface Anchor {
  note: LiftedNote;
  block: number;
  offset: number;
  /** What the marker follows, for the summary; undefined for a fallback anchor. */
  after?: string;
}

export function anchorNotes(body: Block[], lifted: LiftedNote[]): StepResult<Anchored> {
  const blocks = [...body];
  const notes: Note[] = [];
  const anchors: Anchor[] = [];
  for (const note of lifted) {
    const found = definedTerm(blocks, note) ?? quotedPhrase(blocks, note);
    if (found) {
      anchors.push({ note, ...found });
      notes.push({ level: 'changed', line: note.line, message: `${note.mark} anchored after ${found.after} (line ${lineAt(blocks[found.block]!, found.offset - 1)})` });
      continue;
    }
    const block = blocks.findIndex((b) => b.line === note.dumpedInto);
    let home = block >= 0 ? block : blocks.map((b) => b.kind).lastIndexOf('paragraph');
    // A body without a paragraph (the note block swallowed the only one) gets one to hold the reference.
    const own = home < 0;
    if (own) home = blocks.push({ kind: 'paragraph', line: note.line, text: '', origins: [] }) - 1;
    anchors.push({ note, block: home, offset: blocks[home]!.text.replace(/\s+$/, '').length });
    const where = own ? 'in a paragraph of its own at the end (the body has no other)' : `at the end of the paragraph of line ${blocks[home]!.line}`;
    notes.push({ level: 'review', line: note.line, message: `${note.mark} has no certain anchor: placed ${where}; move its [^N] where it belongs` });
  }
  anchors.sort((a, b) => a.block - b.block || a.offset - b.offset);
  const labels = new Map(anchors.map((a, i) => [a, i + 1]));
  const anchored = blocks.map((block, index) => {
    const here = anchors.filter((a) => a.block === index).reverse();
    if (here.length === 0) return block;
    let text = block.text;
    for (const a of here) text = `${text.slice(0, a.offset)}[^${labels.get(a)}]${text.slice(a.offset)}`;
    return { ...block, text };
  });
  const footnotes = anchors.map((a) => ({ label: labels.get(a)!, text: a.note.text }));
  return { value: { body: anchored, footnotes }, notes };
}

function definedTerm(blocks: Block[], note: LiftedNote): Omit<Anchor, 'note'> | undefined {
  const term = /^([^\s，。；：、“”《》（）]{2,12}?)是/.exec(note.text)?.[1];
  if (!term) return undefined;
  for (const [block, b] of blocks.entries()) {
    if (b.kind !== 'paragraph') continue;
    const at = b.text.indexOf(term);
    if (at >= 0) return { block, offset: at + term.length, after: term };
  }
  return undefined;
}

function quotedPhrase(blocks: Block[], note: LiftedNote): Omit<Anchor, 'note'> | undefined {
  if (!/^即/.test(note.text)) return undefined;
  const candidates: Array<{ block: number; offset: number; phrase: string; score: number }> = [];
  for (const [block, b] of blocks.entries()) {
    if (b.kind !== 'paragraph') continue;
    for (const match of b.text.matchAll(/“([^“”]{1,20})”/g)) {
      const phrase = match[1]!;
      if (candidates.some((c) => c.phrase === phrase)) continue;
      candidates.push({ block, offset: match.index! + match[0].length, phrase, score: score(phrase, note.text) });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best || best.score < 20 || (second && second.score === best.score)) return undefined;
  return { block: best.block, offset: best.offset, after: `“${best.phrase}”` };
}

/** Shared words (character pairs), the phrase quoted verbatim in the note, and a count that matches. */
function score(phrase: string, note: string): number {
  let total = note.includes(phrase) ? 100 + phrase.length : 0;
  for (let i = 0; i + 1 < phrase.length; i++) if (note.includes(phrase.slice(i, i + 2))) total += 10;
  const count = /^([一二三四五六七八九十])[个项种条]/.exec(phrase)?.[1];
  const items = note.replace(/^即/, '').split(/[、；;]/).length;
  if (count && '一二三四五六七八九十'.indexOf(count) + 1 === items) total += 5;
  return total;
}
