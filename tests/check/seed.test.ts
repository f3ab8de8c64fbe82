/**
 * The seed Word export: every defect class it holds is reported at its line, and its real text gives
 * the cases that must not be flagged.
 */
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../pipeline/check/engine.ts';
import { runCheck } from '../../pipeline/check/command.ts';
import { capture, seedFile } from './helpers.ts';

const file = checkFiles([seedFile()])[0]!;
const lines = (ruleId: string) => file.messages.filter((m) => m.ruleId === ruleId).map((m) => m.line);

describe('the seed Word export', () => {
  it('reports the 28 broken contents entries and the typed contents', () => {
    const broken = [58, 59, 60, 61, 62, 63, 64, 65, 73, 79, 83, 87, 91, 97, 101, 105, 109, 115, 119, 123, 127, 131, 135, 139, 143, 147, 151, 155];
    expect(lines('word-debris')).toEqual(broken);
    expect(lines('no-typed-toc')).toEqual([57]);
  });

  it('reports the split paragraphs and the split contents entry, first half to second half', () => {
    const splits = file.messages.filter((m) => m.ruleId === 'page-break-split').map((m) => [m.line, m.place && 'end' in m.place ? m.place.end.line : 0]);
    expect(splits).toEqual([
      [65, 67],
      [209, 211],
      [223, 225],
      [241, 248],
      [266, 268],
      [286, 288],
      [308, 310],
      [324, 326],
    ]);
  });

  it('reports the page-bottom note block as plain-text notes', () => {
    const notes = file.messages.filter((m) => m.ruleId === 'footnote-circled-number');
    expect(notes.map((m) => [m.line, m.place && 'end' in m.place ? m.place.end.line : 0])).toEqual([[243, 246]]);
  });

  it('reports heading levels that contradict the numbering', () => {
    expect(lines('heading-level')).toEqual([181, 189, 229, 237, 239, 252, 258, 264, 316]);
    expect(lines('heading-numbering')).toEqual([]);
  });

  it('reports half-width punctuation next to hanzi, and only there', () => {
    const halfWidth = lines('punctuation-half-width');
    expect(halfWidth).toContain(177);
    expect(halfWidth).toContain(181); // ## (二)
    for (const line of [42, 203, 215, 235]) expect(halfWidth).not.toContain(line); // URL, “12345”, 57.4%, 40%
  });

  it('reports typed spaces between hanzi and digits (127 个)', () => {
    expect(lines('spacing-cjk-latin')).toEqual(expect.arrayContaining([268, 270, 310]));
  });

  it('flags nothing in the URL, the decimals or the hotline number', () => {
    const on = (line: number) => file.messages.filter((m) => m.line === line).map((m) => m.ruleId);
    expect(on(42)).toEqual([]);
    expect(on(203)).toEqual([]);
    expect(on(215)).toEqual([]);
    expect(on(330)).toEqual([]); // 殷婕（1988—）: the range dash
  });

  it('exits 1 from the command', async () => {
    const { io, out } = capture();
    expect(await runCheck(io, { paths: ['tests/fixtures/import/seed-word-export.txt'], format: 'stylish' })).toBe(1);
    expect(out()).toContain('tests/fixtures/import/seed-word-export.txt');
    expect(out()).toMatch(/177:\d+-177:\d+\s+error\s+Unexpected half-width/);
  });
});
