/**
 * Each rule's documented examples are its tests: what it flags is reported by it, what it accepts is not.
 * Plus the cases the examples cannot show (context, severities, book.yaml).
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { RULES } from '../../pipeline/check/rules/index.ts';
import { isbn13Valid } from '../../pipeline/check/rules/book-metadata.ts';
import { renderRulesDoc, RULES_DOC_PATH } from '../../pipeline/check/docs.ts';
import { checkBook, checkFiles } from '../../pipeline/check/engine.ts';
import { readFileSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBook } from '../../pipeline/book/load.ts';
import { check, ROOT } from './helpers.ts';

describe.each(RULES.filter((rule) => rule.kind === 'chapter'))('$id', (rule) => {
  it.each(rule.docs.flags)('flags %s', (example) => {
    expect(check(example).map((m) => m.ruleId)).toContain(rule.id);
  });
  it.each(rule.docs.accepts)('accepts %s', (example) => {
    expect(check(example).filter((m) => m.ruleId === rule.id).map((m) => m.reason)).toEqual([]);
  });
});

describe('rules in context', () => {
  it('a raw export (no front matter) gets no chapter-metadata messages', () => {
    expect(check('# 标题\n\n正文。').map((m) => m.ruleId)).not.toContain('chapter-metadata');
  });

  it('a chapter without authors, keywords or abstract is reported', () => {
    const reasons = check('---\ntitle: 甲\n---\n\n正文。').filter((m) => m.ruleId === 'chapter-metadata').map((m) => m.reason);
    expect(reasons.join('\n')).toMatch(/authors[\s\S]*keywords[\s\S]*abstract/);
  });

  it('spacing: space asks for the gap instead', () => {
    const file = new VFile({ path: '/tmp/x.md', value: '问题127个' });
    checkFiles([file], { spacing: 'space' });
    expect(file.messages.filter((m) => m.ruleId === 'spacing-cjk-latin')).toHaveLength(2);
  });

  it('book.yaml severities apply and `off` drops the rule', () => {
    const file = new VFile({ path: '/tmp/x.md', value: '2019年,乐山 127 个' });
    checkFiles([file], { rules: { 'punctuation-half-width': 'warning', 'spacing-cjk-latin': 'off' } });
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['punctuation-half-width', false]]);
  });

  it('heading sequences: a gap and a repeat per level, reset under a new parent', () => {
    const messages = check('## 一、甲\n\n### （一）子\n\n### （三）子\n\n## 二、乙\n\n### （一）子\n\n### （一）子\n\n## 四、丁').filter((m) => m.ruleId === 'heading-numbering');
    expect(messages.map((m) => m.line)).toEqual([5, 11, 13]);
    expect(messages[1]!.reason).toContain('repeated');
  });

  it('does not touch code, inline code or link targets', () => {
    expect(check('见`a,b`和\n\n```\n中文,逗号\n```\n\n[网站](http://例子.com/a,b)').filter((m) => m.ruleId?.startsWith('punctuation'))).toEqual([]);
  });

  // Found by tests/fuzz: both scans were quadratic in the run's length (40,000 letters took 22 s, 40,000
  // dots 12 s). At 200,000 a quadratic scan would outlast the test's timeout; a linear one takes well under a second.
  it('checks long runs of letters or leader dots without hanging, still masking URLs and addresses', () => {
    expect(check(`正文${'a'.repeat(200_000)}。`).filter((m) => m.ruleId !== 'spacing-cjk-latin')).toEqual([]);
    expect(check(`目录${'.'.repeat(200_000)}。`).map((m) => m.ruleId)).not.toContain('no-typed-toc');
    expect(check('见x9http://a.cn/a,b和name+x@mail.example.cn。').filter((m) => m.ruleId?.startsWith('punctuation'))).toEqual([]);
    expect(check('见http://a.cn/a 和甲,乙').map((m) => m.ruleId)).toContain('punctuation-half-width');
  });

  // Found by tests/fuzz: the rule's YAML parse printed a YAMLWarning on the user's stderr.
  it('a front matter with an unknown YAML tag prints no process warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.message);
    process.on('warning', onWarning);
    const messages = check('---\n!!js/function "function(){}"\n---\n\n正文。\n');
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
    expect(messages.map((m) => m.ruleId)).toContain('chapter-metadata');
  });

  it('ISBN-13 check digits', () => {
    expect(isbn13Valid('978-7-5643-8148-6')).toBe(true);
    expect(isbn13Valid('978-7-5643-8148-5')).toBe(false);
  });

  it('says of each image an edition cannot ship as named what to do: rename it, convert it, or replace it', () => {
    const reasons = (markdown: string) => check(markdown).filter((m) => m.ruleId === 'resource-format').map((m) => m.reason);
    expect(reasons('![图](images/photo-saved-as.png)')).toEqual([expect.stringMatching(/content is JPEG, expected a name ending in \.jpg .*rename it/)]);
    expect(reasons('![图](images/scan.webp)')).toEqual([expect.stringMatching(/in WebP format, expected PNG, JPEG, GIF or SVG .*convert it/)]);
    expect(reasons('![图](images/broken.png)')).toEqual([expect.stringMatching(/not a PNG file, nor any image/)]);
    // a folder where an image should be, and a name folio does not ship, whatever its content
    expect(reasons('![图](images)')).toEqual([expect.stringMatching(/does not ship \(`no extension`\)/)]);
    expect(reasons('![图](images/grid.png) ![图](images/flow.svg) ![图](images/missing.png)')).toEqual([]);
    expect(check('![图](images/scan.webp)').find((m) => m.ruleId === 'resource-format')).toMatchObject({ line: 1, column: 1, fatal: true });
  });

  it('refuses an SVG that runs a script or loads another file, not one that links or refers within itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-svg-'));
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">${body}</svg>`;
    const cases: Array<[string, RegExp | undefined]> = [
      ['<script>alert(1)</script>', /with a script/],
      ['<rect onclick="go()" width="1" height="1"/>', /event handler \(`onclick`\)/],
      ['<image href="photo.jpg" width="1" height="1"/>', /reference to `photo\.jpg`/],
      ['<style>rect { fill: url(https://example.com/p.svg#p) }</style>', /reference to `https:/],
      ['<use xlink:href="#shape"/><rect style="fill: url(#gradient)"/><a href="https://example.com"><text>only = 5</text></a>', undefined],
      ['<image href="data:image/png;base64,AAAA" width="1" height="1"/>', undefined],
    ];
    for (const [index, [body, reason]] of cases.entries()) {
      await writeFile(join(dir, `figure-${index}.svg`), svg(body));
      const messages = check(`![图](figure-${index}.svg)`, join(dir, 'chapter.md')).filter((m) => m.ruleId === 'resource-format');
      expect(messages.map((m) => m.reason), body).toEqual(reason ? [expect.stringMatching(reason)] : []);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('book.yaml cover: a .jpg or .png of the manuscript whose content its name says, reported at `cover:`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-cover-'));
    await cp(`${ROOT}tests/fixtures/books/mini`, dir, { recursive: true });
    await copyFile(`${ROOT}tests/fixtures/check/images/photo-saved-as.png`, join(dir, 'saved-as.png'));
    await copyFile(`${ROOT}tests/fixtures/check/images/grid.png`, join(dir, 'cover.png'));
    const yaml = await readFile(join(dir, 'book.yaml'), 'utf8');
    const line = yaml.trimEnd().split('\n').length + 1;
    const coverMessages = async (cover: string) => {
      await writeFile(join(dir, 'book.yaml'), `${yaml.trimEnd()}\ncover: ${cover}\n`);
      const { book } = await loadBook(dir);
      return checkBook(book!)[0]!.messages.filter((m) => m.ruleId === 'book-metadata');
    };
    for (const [cover, reason] of [
      ['saved-as.png', /content is JPEG, expected a PNG file/],
      ['none.jpg', /no such file/],
      ['../outside.png', /outside the manuscript folder/],
      ['cover.webp', /expected a \.jpg or \.png image/],
    ] as const) {
      const messages = await coverMessages(cover);
      expect(messages.map((m) => m.reason)).toEqual([expect.stringMatching(reason)]);
      expect(messages[0]!.line).toBe(line);
    }
    expect(await coverMessages('cover.png')).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  it('link-target: a link to another report, or to one of its headings, resolves against the book', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-links-'));
    await cp(`${ROOT}tests/fixtures/books/mini`, dir, { recursive: true });
    const chapter = join(dir, 'chapters/02-community.md');
    const text = await readFile(chapter, 'utf8');
    const linkMessages = async (link: string) => {
      await writeFile(chapter, `${text}\n见${link}。\n`);
      const { book } = await loadBook(dir);
      const file = checkBook(book!).find((f) => f.path === chapter)!;
      return file.messages.filter((m) => m.ruleId === 'link-target').map((m) => m.reason);
    };
    for (const link of ['[上篇](01-political-ecology.md)', '[上篇](./01-political-ecology.md#二当前净化县域政治生态的实践探索)', '[本篇](02-community.md#一网格化管理)', '[上篇](../chapters/01-political-ecology.md)']) {
      expect(await linkMessages(link), link).toEqual([]);
    }
    for (const [link, reason] of [
      ['[上篇](01-political-ecology.md#三不存在)', /no heading of the report chapters\/01-political-ecology\.md/],
      // A heading's slug mistyped: the message names it first among the closest.
      ['[上篇](01-political-ecology.md#二当前县域政治生态的实践探索)', /the closest: `#二当前净化县域政治生态的实践探索`/],
      ['[下篇](03-talent.md)', /expected a web address, a report of this book/],
      ['[附录](../book.yaml)', /expected a web address, a report of this book/],
    ] as const) {
      expect(await linkMessages(link), link).toEqual([expect.stringMatching(reason)]);
    }
    // A planned report (a plan entry with a file not written yet) is named in words until its text is in.
    await writeFile(join(dir, 'book.yaml'), (await readFile(join(dir, 'book.yaml'), 'utf8')).replace('  - title: 乐山市农村实用人才', '  - file: chapters/03-talent.md\n    title: 乐山市农村实用人才'));
    expect(await linkMessages('[下篇](03-talent.md)')).toEqual([expect.stringMatching(/a report not written yet.*见本书《乐山市农村实用人才/)]);
    await rm(dir, { recursive: true, force: true });
  });

  it('docs/rules.md is generated from the registry', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc());
  });
});
