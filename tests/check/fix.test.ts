/**
 * --fix: minimal edits (only flagged spans change), idempotent, a clean file stays byte-identical.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { runCheck } from '../../pipeline/check/command.ts';
import { applyEdits, fixMarkdown } from '../../pipeline/check/fix.ts';
import { BOOK, capture, check, seedFile } from './helpers.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'folio-check-fix-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const fix = (value: string) => fixMarkdown(new VFile({ path: join(tmp, 'x.md'), value }));

describe('fixMarkdown', () => {
  it('changes only the flagged spans', async () => {
    expect(await fix('正文保持不变，2019年,乐山查处问题 127 个。\n\n另一段保持原样。\n')).toBe('正文保持不变，2019年，乐山查处问题127个。\n\n另一段保持原样。\n');
  });

  it('leaves character references whole: the ; of &nbsp; before a hanzi is not punctuation', async () => {
    expect(await fix('2020年&nbsp;乐山，&#x4e00;&#19968;&copy;年,乐山。\n')).toBe('2020年&nbsp;乐山，&#x4e00;&#19968;&copy;年，乐山。\n');
  });

  it('leaves a clean chapter byte-identical', async () => {
    const clean = await readFile(join(BOOK, 'chapters/01-good.md'), 'utf8');
    expect(await fix(clean)).toBe(clean);
  });

  it('is idempotent on the seed Word export and leaves no fixable message', async () => {
    const once = await fixMarkdown(seedFile());
    expect(await fix(once)).toBe(once);
    expect(check(once, join(tmp, 'x.md')).filter((m) => m.fixable)).toEqual([]);
  });

  it('fixes the seed: contents removed, split paragraphs joined, headings re-levelled, punctuation full-width', async () => {
    const fixed = await fixMarkdown(seedFile());
    expect(fixed).not.toContain('错误!未定义书签');
    expect(fixed).toContain('在落实意识形态责任、打好“三大攻坚战”');
    expect(fixed).toContain('\n### （二）基于乐山现实的迫切需要\n');
    expect(fixed).toContain('\n## 三、阻碍县域政治生态建设的深层问题\n');
    expect(fixed).toContain('（2）是准确认识政治生态客观状况的正确抉择。党的十八大以来，以习近平');
    // The second half moves up past Word's page-bottom notes, which stay (reported, not fixable).
    expect(fixed).toMatch(/工作纪律、生活纪律意识的培养上[\s\S]*① 嘉廉话/);
    // Must-not-touch text of the seed.
    for (const kept of ['57.4%、36.3%', 'http://www.xnjdcbs.com', '“12345”', '殷婕（1988—），女']) expect(fixed).toContain(kept);
  });

  // Found by tests/fuzz/properties.test.ts: edits landed one character early after a BOM, deleting a 党.
  it('keeps a leading BOM out of the edit offsets', async () => {
    const text = ',党党\n\nhttp://x.cn/路径,,\n\n- Word\n';
    expect(await fix(text)).toBe('，党党\n\nhttp://x.cn/路径,,\n\n- Word\n');
    expect(await fix(`\uFEFF${text}`)).toBe(`\uFEFF${await fix(text)}`);
  });

  it('applies edits back to front and skips overlapping ones', () => {
    const result = applyEdits('abcdef', [[{ start: 1, end: 3, text: 'X' }], [{ start: 2, end: 4, text: 'Y' }], [{ start: 5, end: 5, text: '!' }]]);
    expect(result).toEqual({ text: 'aXde!f', applied: 2 });
  });
});

describe('folio check --fix', () => {
  it('rewrites only files with fixes, then reports what is left', async () => {
    const book = join(tmp, 'book');
    await cp(BOOK, book, { recursive: true });
    const good = await readFile(join(book, 'chapters/01-good.md'));
    const { io, out } = capture(tmp);
    expect(await runCheck(io, { paths: ['book'], format: 'json', fix: true })).toBe(1);
    expect(await readFile(join(book, 'chapters/01-good.md'))).toEqual(good);
    const left = JSON.parse(out()) as Array<{ ruleId: string; fixable: boolean }>;
    expect(left.filter((d) => d.fixable)).toEqual([]);
    expect(left.map((d) => d.ruleId)).toContain('resource-missing');
    const fixed = await readFile(join(book, 'chapters/02-defects.md'), 'utf8');
    expect(fixed).toContain('2019年，乐山查处群众身边的不正之风和腐败问题127个。');
    expect(fixed).toContain('### （一）现状');
    expect(fixed).toContain('文化氛围，2018年，拍摄');
    const again = capture(tmp);
    await runCheck(again.io, { paths: ['book'], format: 'json', fix: true });
    expect(await readFile(join(book, 'chapters/02-defects.md'), 'utf8')).toBe(fixed);
  });
});
