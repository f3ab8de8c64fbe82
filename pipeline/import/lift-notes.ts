/**
 * Step 6: footnote texts the export dumped into the body at an old page bottom (a list or paragraph of
 * ①②③ items, often mid-paragraph) -> lifted notes, out of the text. Their markers were lost with the
 * page layout; `anchor-notes` finds where they belong.
 */
import { FINAL } from './join-paragraphs.ts';
import type { Block, LiftedNote, Note, StepResult } from './types.ts';

const CIRCLED = /^[\u2460-\u2473]/;

export interface Lifted {
  body: Block[];
  notes: LiftedNote[];
}

export function liftNotes(blocks: Block[]): StepResult<Lifted> {
  const body: Block[] = [];
  const lifted: LiftedNote[] = [];
  const notes: Note[] = [];
  for (const block of blocks) {
    const items = noteItems(block);
    if (!items) {
      body.push(block);
      continue;
    }
    const before = body.at(-1);
    const dumpedInto = before?.kind === 'paragraph' ? before.line : undefined;
    lifted.push(...items.map((item) => ({ ...item, dumpedInto })));
    const cut = before?.kind === 'paragraph' && !FINAL.test(before.text);
    const where = dumpedInto ? ` (${cut ? 'it interrupted' : 'after'} the paragraph of line ${dumpedInto})` : '';
    const count = `${items.length} footnote${items.length === 1 ? '' : 's'}`;
    notes.push({ level: 'changed', line: block.line, message: `${count} lifted from a page-bottom block${where}` });
  }
  return { value: { body, notes: lifted }, notes };
}

/** The notes of a page-bottom block, or undefined when the block is ordinary text. */
function noteItems(block: Block): Omit<LiftedNote, 'dumpedInto'>[] | undefined {
  if (block.kind !== 'list' && block.kind !== 'paragraph') return undefined;
  const items: Omit<LiftedNote, 'dumpedInto'>[] = [];
  const lines = block.text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const text = raw.replace(/^\s*[-*+]?\s*/, '');
    if (text === '') continue;
    const line = block.origins[i]?.line ?? block.line;
    if (CIRCLED.test(text)) items.push({ mark: text[0]!, text: text.slice(1).trim(), line });
    else if (items.length > 0 && !/^\s*[-*+]\s/.test(raw)) items.at(-1)!.text += text;
    else return undefined;
  }
  return items.length > 0 ? items : undefined;
}
