/**
 * Step 8: heading levels from their numbering (GB/T 9704: 一、 -> `##`, （一） -> `###`, 1. -> `####`,
 * （1） -> `#####`), not from the `#` count the export happens to carry; the number's form normalised
 * (`(二) ` -> `（二）`, `（一）、` -> `（一）`, `1、` -> `1.`, no space after it). Paragraphs that open with
 * (1) are run-in items and stay paragraphs, their number normalised the same way.
 */
import type { Block, Note, StepResult } from './types.ts';

const HANZI_NUMBER = '[一二三四五六七八九十百]+';
const LEVELS: Array<{ depth: number; pattern: RegExp; form: (n: string) => string }> = [
  { depth: 2, pattern: new RegExp(`^(${HANZI_NUMBER})\\s*[、.．]\\s*`), form: (n) => `${n}、` },
  { depth: 3, pattern: new RegExp(`^[(（]\\s*(${HANZI_NUMBER})\\s*[)）]\\s*[、.．]?\\s*`), form: (n) => `（${n}）` },
  { depth: 4, pattern: /^(\d+)\s*[.．、](?!\d)\s*/, form: (n) => `${n}.` },
  { depth: 5, pattern: /^[(（]\s*(\d+)\s*[)）]\s*[、.．]?\s*/, form: (n) => `（${n}）` },
];
const RUN_IN = LEVELS[3]!;

export function relevelHeadings(blocks: Block[]): StepResult<Block[]> {
  const notes: Note[] = [];
  const runIn: number[] = [];
  const out = blocks.map((block): Block => {
    if (block.kind === 'paragraph') {
      const text = normalise(block.text, RUN_IN);
      if (text === block.text) return block;
      runIn.push(block.line);
      return { ...block, text, origins: shift(block, text.length - block.text.length) };
    }
    if (block.kind !== 'heading') return block;
    const level = LEVELS.find((l) => l.pattern.test(block.text));
    if (!level) {
      const depth = Math.max(2, block.depth ?? 2);
      notes.push({ level: 'review', line: block.line, message: `Heading without a number kept at level ${'#'.repeat(depth)}: ${block.text}` });
      return { ...block, depth };
    }
    const text = normalise(block.text, level);
    if (level.depth !== block.depth || text !== block.text) {
      const was = `${'#'.repeat(block.depth ?? 1)} ${block.text}`;
      notes.push({ level: 'changed', line: block.line, message: `Heading \`${was}\` -> \`${'#'.repeat(level.depth)} ${text}\`` });
    }
    return { ...block, depth: level.depth, text };
  });
  notes.push(...checkSequence(out));
  if (runIn.length > 0) {
    notes.push({ level: 'changed', line: runIn[0], message: `${runIn.length} run-in items (1)… kept as paragraphs, their number normalised to （1） (lines ${runIn.join(', ')})` });
  }
  return { value: out, notes };
}

function normalise(text: string, level: (typeof LEVELS)[number]): string {
  return text.replace(level.pattern, (_, n: string) => level.form(n));
}

/** A run-in number changes length only at the start of the paragraph: later origins move with it. */
function shift(block: Block, by: number) {
  return block.origins.map((o, i) => (i === 0 ? o : { ...o, at: o.at + by }));
}

const HANZI_DIGITS = '一二三四五六七八九';

/** 一 -> 1, 十二 -> 12, 二十 -> 20; Arabic numbers as they are. */
function valueOf(number: string): number {
  if (/^\d+$/.test(number)) return Number(number);
  const [tens, units] = number.includes('十') ? number.split('十') : ['', number];
  const digit = (d: string | undefined) => HANZI_DIGITS.indexOf(d ?? '') + 1;
  return (number.includes('十') ? (tens ? digit(tens) : 1) * 10 : 0) + (units ? digit(units) : 0);
}

/** Numbers run 1, 2, 3 within each parent: a gap or a repeat means a heading was lost or mislabelled. */
function checkSequence(blocks: Block[]): Note[] {
  const notes: Note[] = [];
  const last = new Map<number, number>();
  for (const block of blocks) {
    if (block.kind !== 'heading') continue;
    const level = LEVELS.find((l) => l.depth === block.depth && l.pattern.test(block.text));
    if (!level) continue;
    const value = valueOf(level.pattern.exec(block.text)![1]!);
    const expected = (last.get(level.depth) ?? 0) + 1;
    if (value !== expected) notes.push({ level: 'review', line: block.line, message: `Heading number ${block.text.slice(0, 4)}… out of sequence: expected number ${expected} at this level` });
    last.set(level.depth, value);
    for (const depth of last.keys()) if (depth > level.depth) last.delete(depth);
  }
  return notes;
}
