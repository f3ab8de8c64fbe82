/**
 * Hostile and broken manuscripts, one per case: each is the mini test book with one thing broken.
 * A case says what `folio check` must report (rule, file, line) and whether the manuscript is still
 * acceptable (warnings only). Large inputs are generated, never committed.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_TEXT_BYTES } from '../../pipeline/book/read-text.ts';

export const MINI = join(import.meta.dirname, '../fixtures/books/mini');
const CHAPTER = 'chapters/02-community.md';
const BOOK = 'book.yaml';

export interface Expected {
  ruleId: string;
  file: string;
  line?: number;
  severity?: 'error' | 'warning' | 'info';
}

export interface HostileCase {
  name: string;
  /** Breaks a fresh copy of the mini book in `dir`. */
  make: (dir: string) => Promise<void>;
  /** What check must report; empty for input that is fine (BOM, CRLF). */
  expect: Expected[];
  /** `folio check` exit code: 1 for errors, 0 where the input is accepted. */
  exit: 0 | 1;
  /** Text that must never reach an edition. */
  forbidden?: string[];
}

const edit = (path: string, change: (text: string) => string) => async (dir: string) => {
  const full = join(dir, path);
  await writeFile(full, change(await readFile(full, 'utf8')));
};
const write = (path: string, data: string | Uint8Array) => (dir: string) => writeFile(join(dir, path), data);
const chapterWith = (body: string) => write(CHAPTER, `---\ntitle: 乡镇社区微治理路径探索\nauthors: [李兰英]\nkeywords: [社区治理]\n---\n\n:::abstract\n摘要。\n:::\n\n${body}\n`);
/** Line of the first body line written by `chapterWith`. */
const BODY_LINE = 11;

export const CASES: HostileCase[] = [
  // Manuscript structure
  { name: 'no book.yaml', make: (dir) => rm(join(dir, BOOK)), expect: [{ ruleId: 'file-missing', file: BOOK, line: 1 }], exit: 1 },
  { name: 'invalid YAML', make: edit(BOOK, (t) => t.replace('date: 2021-08', 'date: [2021-08')), expect: [{ ruleId: 'yaml-syntax', file: BOOK }], exit: 1 },
  {
    name: 'a field of the wrong type',
    make: edit(BOOK, (t) => t.replace('editors: [毛丹, 赵平]', 'editors: 毛丹')),
    expect: [{ ruleId: 'book-schema', file: BOOK, line: 4 }],
    exit: 1,
  },
  { name: 'an unknown key', make: edit(BOOK, (t) => t.replace('isbn:', 'isnb:')), expect: [{ ruleId: 'book-schema', file: BOOK, line: 10 }], exit: 1 },
  {
    name: 'a chapter listed twice',
    make: edit(BOOK, (t) => t.replace('  - file: chapters/02-community.md', '  - file: chapters/01-political-ecology.md')),
    expect: [{ ruleId: 'book-chapter-duplicate', file: BOOK, line: 22 }],
    exit: 1,
  },
  {
    name: 'a chapter file the plan does not list',
    make: write('chapters/04-orphan.md', '---\ntitle: 孤立的章节\n---\n\n正文。\n'),
    expect: [{ ruleId: 'book-chapter-unlisted', file: BOOK, severity: 'warning' }],
    exit: 0,
  },
  { name: 'an empty chapter', make: write(CHAPTER, ''), expect: [{ ruleId: 'chapter-front-matter', file: CHAPTER, line: 1 }], exit: 1 },
  // Files that would never finish reading, or fill the memory, refused before they are read (a link to
  // /dev/zero is outside the manuscript; `folio check /dev/zero`: tests/cli).
  {
    name: 'a chapter that is a named pipe',
    make: async (dir) => {
      await rm(join(dir, CHAPTER));
      execFileSync('mkfifo', [join(dir, CHAPTER)]);
    },
    expect: [{ ruleId: 'file-unreadable', file: CHAPTER, line: 1 }],
    exit: 1,
  },
  {
    name: 'an image that is a named pipe',
    make: async (dir) => {
      await chapterWith('![图1 管道](pipe.png)')(dir);
      execFileSync('mkfifo', [join(dir, 'chapters/pipe.png')]);
    },
    expect: [{ ruleId: 'resource-format', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
  },
  {
    name: 'a chapter larger than any book',
    make: (dir) => truncate(join(dir, CHAPTER), MAX_TEXT_BYTES + 1), // sparse: no disk is filled
    expect: [{ ruleId: 'file-unreadable', file: CHAPTER, line: 1 }],
    exit: 1,
  },
  {
    name: 'a chapter with front matter and no text',
    make: write(CHAPTER, '---\ntitle: 空章\n---\n'),
    expect: [
      { ruleId: 'chapter-empty', file: CHAPTER, line: 1, severity: 'warning' },
      { ruleId: 'chapter-metadata', file: CHAPTER, line: 1 },
    ],
    exit: 1,
  },
  { name: 'a chapter with no title', make: write(CHAPTER, '---\nauthors: [甲]\n---\n\n正文。\n'), expect: [{ ruleId: 'chapter-front-matter', file: CHAPTER, line: 2 }], exit: 1 },

  // Encoding
  { name: 'UTF-8 with BOM', make: edit(CHAPTER, (t) => `\uFEFF${t}`), expect: [], exit: 0 },
  { name: 'CRLF line endings', make: edit(CHAPTER, (t) => t.replace(/\n/g, '\r\n')), expect: [], exit: 0 },
  {
    name: 'a GB18030 file',
    // “社区治理” encoded in GB18030 on line 5
    make: write(CHAPTER, Buffer.concat([Buffer.from('---\ntitle: t\n---\n\n'), Buffer.from('c9e7c7f8d6cec0ed', 'hex')])),
    expect: [{ ruleId: 'file-encoding', file: CHAPTER, line: 5 }],
    exit: 1,
  },
  { name: 'a binary file', make: write(CHAPTER, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), expect: [{ ruleId: 'file-encoding', file: CHAPTER }], exit: 1 },
  {
    name: 'invalid UTF-8 bytes',
    make: write(CHAPTER, Buffer.concat([Buffer.from('---\ntitle: t\n---\n\n正文。\n\n坏'), Buffer.from([0xe5, 0x41]), Buffer.from('字\n')])),
    expect: [{ ruleId: 'file-encoding', file: CHAPTER, line: 7 }],
    exit: 1,
  },

  // Markdown
  { name: 'unclosed front matter', make: write(CHAPTER, '---\ntitle: 乡镇社区\n\n正文。\n'), expect: [{ ruleId: 'chapter-front-matter', file: CHAPTER, line: 1 }], exit: 1 },
  {
    name: 'a footnote reference with no definition',
    make: chapterWith('正文，[^9]继续。'),
    expect: [{ ruleId: 'footnote-references', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
  },
  {
    name: 'a footnote definition with no reference',
    make: chapterWith('正文。\n\n[^1]: 从未引用。'),
    expect: [{ ruleId: 'footnote-references', file: CHAPTER, line: BODY_LINE + 2 }],
    exit: 1,
  },
  {
    name: 'footnotes inside footnotes',
    make: chapterWith('正文。[^1]\n\n[^1]: 注释[^2]。\n\n[^2]: 注释的注释。'),
    expect: [{ ruleId: 'footnote-references', file: CHAPTER, line: BODY_LINE + 2 }],
    exit: 1,
  },
  {
    name: '10,000 nested blockquotes',
    make: chapterWith(`${'>'.repeat(10_000)} 深`),
    expect: [{ ruleId: 'markdown-nesting', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
  },
  {
    name: '10,000 nested lists',
    make: chapterWith(`${'- '.repeat(10_000)}项`),
    expect: [{ ruleId: 'markdown-nesting', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
  },
  { name: 'a single 1 MB line', make: chapterWith(`${'长'.repeat(350_000)}。`), expect: [], exit: 0 },
  { name: 'headings only', make: chapterWith('## 一、甲\n\n## 二、乙\n\n### （一）丙'), expect: [], exit: 0 },
  {
    name: 'a table of 2,000 rows',
    make: chapterWith(`| 年份 | 数量 |\n| --- | --- |\n${Array.from({ length: 2000 }, (_, i) => `| ${1000 + i}年 | ${i}个 |`).join('\n')}`),
    expect: [],
    exit: 0,
  },

  // Resources
  { name: 'a missing image', make: chapterWith('![地图](images/none.png)'), expect: [{ ruleId: 'resource-missing', file: CHAPTER, line: BODY_LINE }], exit: 1 },
  {
    name: 'an image path leaving the manuscript',
    make: chapterWith('![越界](../../../../../../etc/passwd)'),
    expect: [{ ruleId: 'resource-outside', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
    forbidden: ['passwd', 'root:x:'],
  },
  { name: 'an absolute image path', make: chapterWith('![绝对](/etc/passwd)'), expect: [{ ruleId: 'resource-outside', file: CHAPTER, line: BODY_LINE }], exit: 1, forbidden: ['passwd'] },
  {
    name: 'a symlink out of the manuscript',
    make: async (dir) => {
      const outside = await mkdtemp(join(tmpdir(), 'folio-outside-'));
      await writeFile(join(outside, 'secret.png'), 'secret');
      await symlink(join(outside, 'secret.png'), join(dir, 'chapters/link.png'));
      await chapterWith('![链接](link.png)')(dir);
    },
    expect: [{ ruleId: 'resource-outside', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
    forbidden: ['link.png', 'secret'],
  },
  { name: 'a remote image', make: chapterWith('![远程](http://127.0.0.1:9/x.png)'), expect: [{ ruleId: 'resource-remote', file: CHAPTER, line: BODY_LINE }], exit: 1, forbidden: ['127.0.0.1'] },
  { name: 'a link to a local address', make: chapterWith('见[内网](http://192.168.1.10/)。'), expect: [{ ruleId: 'resource-remote', file: CHAPTER, line: BODY_LINE }], exit: 1 },
  { name: 'raw <script>', make: chapterWith('正文<script>steal(document.cookie)</script>。'), expect: [{ ruleId: 'resource-unsafe-html', file: CHAPTER, line: BODY_LINE }], exit: 1, forbidden: ['steal', 'document.cookie'] },
  {
    name: 'raw <iframe>',
    make: chapterWith('<iframe src="http://127.0.0.1:9/"></iframe>'),
    expect: [
      { ruleId: 'resource-unsafe-html', file: CHAPTER, line: BODY_LINE },
      { ruleId: 'resource-remote', file: CHAPTER, line: BODY_LINE },
    ],
    exit: 1,
    forbidden: ['<iframe', '127.0.0.1'],
  },
  { name: 'an on* handler', make: chapterWith('正文<b onclick="steal()">粗</b>。'), expect: [{ ruleId: 'resource-unsafe-html', file: CHAPTER, line: BODY_LINE }], exit: 1, forbidden: ['onclick', 'steal'] },
  { name: 'a javascript: URL', make: chapterWith('[点此](javascript:alert(1))。'), expect: [{ ruleId: 'resource-unsafe-html', file: CHAPTER, line: BODY_LINE }], exit: 1, forbidden: ['javascript:'] },
  {
    name: 'a meta refresh',
    make: chapterWith('<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">'),
    expect: [{ ruleId: 'resource-unsafe-html', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
    forbidden: ['http-equiv', '127.0.0.1'],
  },
  {
    name: 'CSS url() to a remote host',
    make: chapterWith('<div style="background:url(http://127.0.0.1:9/x.png)">块</div>'),
    expect: [{ ruleId: 'resource-remote', file: CHAPTER, line: BODY_LINE }],
    exit: 1,
    forbidden: ['127.0.0.1'],
  },
];

/** A fresh copy of the mini book with `hostile` applied. */
export async function materialise(hostile: HostileCase): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-hostile-'));
  await cp(MINI, dir, { recursive: true });
  await hostile.make(dir);
  return dir;
}
