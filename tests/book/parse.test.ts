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

  it('ends a bare URL where Chinese text resumes, the rest back in the text at its exact place', () => {
    const links = (value: string) => {
      const { tree } = parse(value);
      const found: Array<{ url: string; text: string; after: string }> = [];
      const walk = (node: { type: string; children?: unknown[] }) => {
        node.children?.forEach((child, index) => {
          const current = child as { type: string; url?: string; children?: Array<{ value: string }> };
          if (current.type === 'link') {
            const next = node.children![index + 1] as { value?: string; position?: { start: { offset: number }; end: { offset: number } } } | undefined;
            // every text node still covers exactly its source: the check's rules read the source there
            if (next?.position) expect(value.slice(next.position.start.offset, next.position.end.offset)).toBe(next.value);
            found.push({ url: current.url!, text: current.children![0]!.value, after: next?.value ?? '' });
          }
          walk(current as { type: string; children?: unknown[] });
        });
      };
      walk(tree);
      return found;
    };
    expect(links('网址：http://www.xnjdcbs.com，电话')).toEqual([{ url: 'http://www.xnjdcbs.com', text: 'http://www.xnjdcbs.com', after: '，电话' }]);
    expect(links('见 www.sc.gov.cn。然后继续\n下一行')).toEqual([{ url: 'http://www.sc.gov.cn', text: 'www.sc.gov.cn', after: '。然后继续\n下一行' }]);
    expect(links('见 https://example.com/a?b=1.）。')).toEqual([{ url: 'https://example.com/a?b=1', text: 'https://example.com/a?b=1', after: '.）。' }]);
    expect(links('见 https://zh.wikipedia.org/wiki/乐山市（四川）')).toEqual([{ url: 'https://zh.wikipedia.org/wiki/乐山市', text: 'https://zh.wikipedia.org/wiki/乐山市', after: '（四川）' }]);
    // as GFM has them: a space or ASCII punctuation ends them already; written links are never cut
    expect(links('见 https://example.com/a, 与 [网站，首页](https://example.com/首页)。')).toEqual([
      { url: 'https://example.com/a', text: 'https://example.com/a', after: ', 与 ' },
      { url: 'https://example.com/首页', text: '网站，首页', after: '。' },
    ]);
  });
});
