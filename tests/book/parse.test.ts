/**
 * The parser's guards against input that would make it hang: found by tests/fuzz, where a chapter with a
 * 145 KB storm of `[^x]` took over three minutes to check and build (the parser's bracket matching is
 * quadratic in a paragraph's brackets).
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { MAX_DELIMITERS, MAX_LAZY_LINES, parseMarkdown } from '../../pipeline/book/parse.ts';

const parse = (value: string) => {
  const file = new VFile({ value });
  const tree = parseMarkdown(file);
  return { tree, messages: file.messages.map((m) => `${m.line}:${m.ruleId}`) };
};

describe('parseMarkdown', () => {
  it('refuses a paragraph with a storm of brackets at the line where it starts, before parsing it', () => {
    const { tree, messages } = parse(`正文。\n\n${'[^x]'.repeat(36_000)}\n`);
    expect(messages).toEqual(['3:markdown-density']);
    expect(tree.children).toEqual([]);
  });

  it('counts per paragraph, across its lines', () => {
    expect(parse(`${'*a'.repeat(MAX_DELIMITERS + 1)}`).messages).toEqual(['1:markdown-density']);
    expect(parse('[^x]\n'.repeat(MAX_DELIMITERS)).messages).toEqual(['1:markdown-density']);
    const many = Array.from({ length: 50 }, () => '[^1]'.repeat(MAX_DELIMITERS / 4)).join('\n\n');
    expect(parse(`${many}\n\n[^1]: 注释。\n`).messages).toEqual([]);
  });

  // Found by fuzzing: a footnote followed by 20,000 unmarked lines took two minutes to check and build.
  it('refuses a blockquote, list item or footnote continued by thousands of unmarked lines', () => {
    for (const head of ['[^3]: 注。', '> 引用。', '- 项。']) expect(parse(`标题\n\n${head}\n${'干部。\n'.repeat(20_000)}`).messages).toEqual(['3:markdown-density']);
    expect(parse(`正文。\n${'干部。\n'.repeat(MAX_LAZY_LINES + 1)}`).messages).toEqual([]);
    expect(parse(`> 引用。\n${'干部。\n'.repeat(MAX_LAZY_LINES)}`).messages).toEqual([]);
  });

  // Found by fuzzing: 8,250 unclosed `:::bios` (a duplicated opening line) hung a check for minutes.
  it('refuses unclosed ::: blocks nested deeper than any book needs, at the line that goes too deep', () => {
    expect(parse(':::bios\n殷婕\n\n'.repeat(8_250)).messages).toEqual(['301:markdown-nesting']);
    expect(parse(':::bios\n殷婕\n:::\n\n'.repeat(200)).messages).toEqual([]);
  });
});
