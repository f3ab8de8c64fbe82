/**
 * Inputs for the property tests and the fuzzer, shared by tests/fuzz/*.test.ts and scripts/fuzz.ts.
 *
 * Property inputs are fast-check arbitraries (they shrink to a minimal counterexample). Fuzz cases come
 * from a small seeded PRNG instead: a case is a pure function of (seed, case number), so a failure
 * printed as `--seed S --case N` rebuilds exactly the same manuscript without replaying the cases before it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const ROOT = join(import.meta.dirname, '../..');
export const MINI = join(ROOT, 'tests/fixtures/books/mini');
export const REAL_CHAPTER = join(ROOT, 'manuscript/chapters/01-county-political-ecology.md');
export const SEED_EXPORT = join(ROOT, 'tests/fixtures/import/seed-word-export.txt');
/** The report's title line: the export's report body starts here (after the front pages and contents). */
export const REPORT_TITLE = '# 乐山市净化县域政治生态的实践探索与对策研究';

export const hanziOf = (text: string): string => (text.match(/\p{Script=Han}/gu) ?? []).join('');

// ---------------------------------------------------------------------------------------------------
// Property inputs: chapter Markdown

const chapterText = readFileSync(REAL_CHAPTER, 'utf8');
const chapterBody = chapterText.replace(/^---\n[\s\S]*?\n---\n/, '');
/** The real chapter's blocks (paragraphs, headings, directives, note definitions), as written. */
export const REAL_BLOCKS = chapterBody.split(/\n{2,}/).filter((block) => block.trim() !== '');
const REAL_LINES = chapterBody.split('\n');
const HANZI = [...new Set(hanziOf(chapterBody))];

const hanziRun = fc.array(fc.constantFrom(...HANZI), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
const token = fc.oneof(
  { weight: 6, arbitrary: hanziRun },
  {
    weight: 4,
    arbitrary: fc.constantFrom(',', ';', ':', '!', '?', '(', ')', '.', '"', "'", '--', '...', '。。。', '···', '２０２３', '，', '。', '、', '；', '：', '“', '”', '‘', '’', '（', '）', '——', '……', '—', '-', '·', '！', '？'),
  },
  { weight: 2, arbitrary: fc.constantFrom('2019', '12', '0', '57.4%', '3.14', '１２', 'ＡＢ', '6+X', '1、', '（1）', '(2)') },
  { weight: 2, arbitrary: fc.constantFrom('Word', 'GDP', 'iPhone', 'PDF', 'e-mail', 'Paged.js', 'CIP') },
  { weight: 1, arbitrary: fc.constantFrom('https://example.com/a?b=1,2', 'www.xnjdcbs.com', 'http://x.cn/路径', 'a.b@c.cn') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\u3000', '\t') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => `[^${n}]`) },
  { weight: 1, arbitrary: fc.tuple(hanziRun, hanziRun).map(([a, b]) => `《${a}、${b}》`) },
  { weight: 1, arbitrary: hanziRun.map((a) => `《${a}》`) },
  { weight: 1, arbitrary: hanziRun.map((a) => `“${a}”`) },
  { weight: 1, arbitrary: hanziRun.map((a) => `"${a}"`) },
  { weight: 1, arbitrary: fc.constantFrom('错误!未定义书签。', '`代码,`', '**重点**', '*强调*') },
);
/** A generated Chinese sentence with everything the safe fixes look at. */
export const sentence = fc.array(token, { minLength: 1, maxLength: 24 }).map((ts) => ts.join(''));

const numbering = fc.constantFrom('', '一、', '二、', '(二)', '（一）、', '（一）', '(1)', '（2）', '1、', '2.', '3．', '十一、');
const generatedBlock = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('', '\u3000\u3000', '  '), sentence).map(([indent, s]) => indent + s) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 5 }), numbering, sentence).map(([depth, n, s]) => `${'#'.repeat(depth)} ${n}${s}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 4 }), sentence).map(([n, s]) => `[^${n}]: ${s}`) },
  { weight: 1, arbitrary: fc.tuple(numbering, sentence).map(([n, s]) => `${n}${s}`) },
  { weight: 1, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((ss) => ss.map((s) => `- ${s}`).join('\n')) },
  { weight: 1, arbitrary: sentence.map((s) => `> ${s}`) },
  { weight: 1, arbitrary: fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |\n| ${b} | ${a} |`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('abstract', 'bios'), sentence).map(([name, s]) => `:::${name}\n${s}\n:::`) },
  { weight: 4, arbitrary: fc.constantFrom(...REAL_BLOCKS) },
);

const frontMatter = fc.constantFrom('', '---\ntitle: 乐山市净化县域政治生态的实践探索与对策研究\nauthors: [殷婕, 毛丹]\nkeywords: [从严治党]\n---\n\n');

/** How the whole file is written down: line endings and a BOM, as Word and editors leave them. */
const dress = (text: string, crlf: boolean, bom: boolean) => (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);

export const generatedChapter = fc
  .tuple(frontMatter, fc.array(generatedBlock, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), fc.constantFrom('\n', '', '\n\n'))
  .map(([front, blocks, crlf, bom, end]) => dress(front + blocks.join('\n\n') + end, crlf, bom));

type LineMutation = { kind: 'delete' | 'duplicate' | 'swap'; at: number; other: number } | { kind: 'insert'; at: number; column: number; text: string };

const lineMutation: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    column: fc.nat(),
    text: fc.oneof(token, fc.string({ unit: 'grapheme', maxLength: 3 }), fc.constantFrom('\n', '\n\n', '#', '[^', ']', '*', '`', '\\', '>', '|', '\u3000', '\uFEFF', '\r')),
  }),
);

function mutateLines(lines: string[], mutations: LineMutation[]): string[] {
  const out = [...lines];
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'delete') out.splice(at, 1);
    else if (m.kind === 'duplicate') out.splice(at, 0, out[at]!);
    else if (m.kind === 'swap') {
      const other = m.other % out.length;
      [out[at], out[other]] = [out[other]!, out[at]!];
    } else if (m.kind === 'insert') {
      const line = out[at]!;
      const column = m.column % (line.length + 1);
      out[at] = line.slice(0, column) + m.text + line.slice(column);
    }
  }
  return out;
}

/** A window of the real chapter (whole files are slow to check 200 times) with lines deleted, duplicated, swapped, and characters inserted. */
export const mutatedChapter = fc
  .tuple(fc.nat(), fc.integer({ min: 4, max: 40 }), fc.array(lineMutation, { minLength: 1, maxLength: 6 }), frontMatter, fc.boolean(), fc.boolean())
  .map(([start, length, mutations, front, crlf, bom]) => {
    const from = start % REAL_LINES.length;
    const window = REAL_LINES.slice(from, from + length);
    return dress(front + mutateLines(window, mutations).join('\n'), crlf, bom);
  });

// ---------------------------------------------------------------------------------------------------
// Property inputs: Word exports

const seedLines = readFileSync(SEED_EXPORT, 'utf8').split('\n');
export const TITLE_LINE = seedLines.indexOf(REPORT_TITLE);
/** Lines of the report the mutations leave alone: the title, the authors line (what makes it a report). */
const FIXED_HEAD = 3;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

export type ExportMutation =
  | { kind: 'delete' | 'duplicate' | 'blank'; at: number }
  | { kind: 'split'; at: number; column: number }
  | { kind: 'note'; at: number; mark: number; text: string };

const exportMutation: fc.Arbitrary<ExportMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'blank' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), at: fc.nat(), column: fc.nat() }),
  fc.record({ kind: fc.constant('note' as const), at: fc.nat(), mark: fc.nat({ max: CIRCLED.length - 1 }), text: sentence }),
);

export interface MutatedExport {
  text: string;
  /** What was done to the seed, printed for a counterexample instead of the whole export. */
  recipe: string;
  [fc.toStringMethod]: () => string;
}

/** The seed export with its report body cut to `length` lines from `start`, then mutated (what `mutatedExport` draws). */
export function buildExport(start: number, length: number, mutations: ExportMutation[]): MutatedExport {
  const head = seedLines.slice(0, TITLE_LINE + FIXED_HEAD);
  const rest = seedLines.slice(TITLE_LINE + FIXED_HEAD);
  const bios = rest.findIndex((line) => line.startsWith('作者简介'));
  const body = rest.slice(0, bios);
  const from = Math.max(4, start % body.length);
  // The abstract and keywords (the first 4 lines) stay, then the window, then the bios.
  const lines = [...body.slice(0, 4), ...body.slice(from, from + length), '', ...rest.slice(bios)];
  for (const m of mutations) {
    const at = m.at % lines.length;
    if (m.kind === 'delete') lines.splice(at, 1);
    else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at]!);
    else if (m.kind === 'blank') lines.splice(at, 0, '');
    else if (m.kind === 'split') {
      const line = lines[at]!;
      const column = m.column % (line.length + 1);
      lines.splice(at, 1, line.slice(0, column), line.slice(column));
    } else if (m.kind === 'note') lines.splice(at, 0, `${CIRCLED[m.mark]} ${m.text}`);
  }
  const recipe = `buildExport(${from}, ${length}, ${JSON.stringify(mutations)})`;
  return { text: [...head, ...lines].join('\n'), recipe, [fc.toStringMethod]: () => recipe };
}

/**
 * The seed export, its report body cut to a window of paragraphs (the whole report is slow to import 200
 * times) and mutated: lines deleted, duplicated, split in two, blank lines and ①②③ note lines inserted.
 */
export const mutatedExport: fc.Arbitrary<MutatedExport> = fc
  .tuple(fc.nat(), fc.integer({ min: 6, max: 60 }), fc.array(exportMutation, { minLength: 1, maxLength: 8 }))
  .map(([start, length, mutations]) => buildExport(start, length, mutations));

// ---------------------------------------------------------------------------------------------------
// Fuzz cases: the mini book with its chapters and book.yaml broken at the byte, Markdown, front matter
// and YAML level. A case is a pure function of (seed, index).

/** mulberry32: small, fast and good enough to pick mutations; seeded per case so any case replays alone. */
export function prng(seed: number, index: number): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export const BOOK_YAML = 'book.yaml';
export const CHAPTERS = ['chapters/01-political-ecology.md', 'chapters/02-community.md'];
/** Text of the sibling sentinel folder's files: it must never reach out/. */
export const SENTINEL_TEXT = 'FOLIO-FUZZ-SENTINEL-7f3a';
/** Largest file a mutation may make: big enough to stress, small enough to keep a case under a second. */
const MAX_BYTES = 200_000;

export interface FuzzCase {
  seed: number;
  index: number;
  /** Manuscript files by path relative to the manuscript folder. */
  files: Map<string, Uint8Array>;
  /** What was done, for the failure report. */
  mutations: string[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function byteMutation(random: Random, bytes: Uint8Array): { bytes: Uint8Array; what: string } {
  const data = Array.from(bytes);
  const at = () => int(random, 0, data.length);
  switch (int(random, 0, 4)) {
    case 0: {
      const n = int(random, 1, 16);
      for (let i = 0; i < n && data.length > 0; i++) data[int(random, 0, data.length - 1)]! ^= 1 << int(random, 0, 7);
      return { bytes: Uint8Array.from(data), what: `flip ${n} bits` };
    }
    case 1: {
      const palette = [0x00, 0xff, 0xfe, 0xc3, 0xe4, 0x80, 0xbf, 0x0d, 0x0a, 0x1b, 0x7f, 0xef, 0xbb];
      const inserted = Array.from({ length: int(random, 1, 12) }, () => (random() < 0.7 ? pick(random, palette) : int(random, 0, 255)));
      const where = at();
      data.splice(where, 0, ...inserted);
      return { bytes: Uint8Array.from(data), what: `insert bytes ${inserted.map((b) => b.toString(16)).join(' ')} at ${where}` };
    }
    case 2: {
      const where = at();
      const n = int(random, 1, 200);
      data.splice(where, n);
      return { bytes: Uint8Array.from(data), what: `delete ${n} bytes at ${where}` };
    }
    case 3: {
      const where = int(random, 0, Math.max(0, data.length - 1));
      const slice = data.slice(where, where + int(random, 1, 24));
      const times = Math.min(int(random, 2, 50_000), Math.floor(MAX_BYTES / Math.max(1, slice.length)));
      const repeated = new Uint8Array(slice.length * times);
      for (let i = 0; i < times; i++) repeated.set(slice, i * slice.length);
      return { bytes: Uint8Array.from([...data.slice(0, where), ...repeated, ...data.slice(where)]), what: `repeat ${slice.length} bytes ${times} times at ${where}` };
    }
    default: {
      const where = at();
      return { bytes: Uint8Array.from(data.slice(0, where)), what: `truncate at byte ${where}` };
    }
  }
}

const HTML = [
  '<script>alert(1)</script>',
  '<iframe src="https://evil.example/"></iframe>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">点此</a>',
  '<a href="JaVaScRiPt&colon;alert(1)">点此</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<style>body { background: url(https://evil.example/x.png) }</style>',
  '<base href="https://evil.example/">',
  '<form action="https://evil.example/"><input name="q"></form>',
  '<object data="https://evil.example/x.swf"></object>',
  '<div onclick="alert(1)" style="position:fixed;inset:0">覆盖</div>',
  '<!-- 未闭合的注释',
  '<p title="\u0000">空字符</p>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
];
const PATHS = [
  '../../sentinel/secret.png',
  '../../../sentinel/secret.png',
  '../../sentinel/secret.md',
  '/etc/passwd',
  'file:///etc/passwd',
  '%2e%2e/%2e%2e/sentinel/secret.png',
  '..\\..\\sentinel\\secret.png',
  'C:\\Windows\\win.ini',
  'https://evil.example/x.png',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+',
  '',
  '<>',
  '../'.repeat(40) + 'etc/passwd',
];

function markdownSnippet(random: Random): string {
  const n = (max: number) => int(random, 1, max);
  switch (int(random, 0, 11)) {
    case 0:
      return pick(random, ['```', '~~~~js', '```\n代码', ':::abstract\n未闭合', ':::', ':::bios\n:::abstract\n套', '::::::::::', ':::unknown{onclick="alert(1)"}\n文字\n:::']);
    case 1:
      return pick(random, ['[^x]', '[^1]', '[^]', '[^' + 'x'.repeat(n(2000)) + ']']).repeat(n(3000));
    case 2:
      return Array.from({ length: n(400) }, (_, i) => `[^n${i}]: 注释${i}[^n${i + 1}]`).join('\n\n');
    case 3:
      return `${'>'.repeat(n(300))} 深层引用`;
    case 4:
      return Array.from({ length: n(160) }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n');
    case 5: {
      // Tables parse at ~60 µs a cell: 40 × 200 keeps a case within its bound.
      const cols = n(40);
      const rows = n(200);
      const row = `|${' 甲 |'.repeat(cols)}`;
      return [row, `|${' --- |'.repeat(cols)}`, ...Array.from({ length: rows }, () => row)].join('\n');
    }
    case 6:
      return pick(random, HTML);
    case 7:
      return `![图](${pick(random, PATHS)})`;
    case 8:
      return pick(random, [`<img src="${pick(random, PATHS)}">`, `[链接](${pick(random, PATHS)})`, `[ref]: ${pick(random, PATHS)}\n\n![图][ref]`]);
    case 9:
      return pick(random, ['#'.repeat(n(12)) + ' 标题', `## ${'长'.repeat(n(20_000))}`, '汉'.repeat(n(60_000)), '\u2028\u2029\uFEFF\u200B\u202E', '*'.repeat(n(5000)), '_'.repeat(n(5000))]);
    case 10:
      return pick(random, ['\\', '`'.repeat(n(1000)), '[', ']('.repeat(n(2000)), '<'.repeat(n(2000)), '&#0;&#xD800;&#x110000;&nbsp;']);
    default:
      return pick(random, ['---\ntitle: 中间的分隔\n---', '***', '\t\t缩进代码', '1. 一\n   1. 二\n      1. 三']);
  }
}

function markdownMutation(random: Random, source: string): { text: string; what: string } {
  const lines = source.split('\n');
  const at = int(random, 0, lines.length);
  const snippet = markdownSnippet(random).slice(0, MAX_BYTES / 3);
  lines.splice(at, 0, '', snippet, '');
  return { text: lines.join('\n'), what: `insert at line ${at + 1}: ${JSON.stringify(snippet.slice(0, 60))}${snippet.length > 60 ? `… (${snippet.length} chars)` : ''}` };
}

const FRONT_VALUES = [
  'title: [1, 2]',
  'title: 123',
  "title: ''",
  'title: {a: 1}',
  'authors: 张三',
  'authors: []',
  'authors: [[a]]',
  'keywords: {a: 1}',
  'subtitle: null',
  'foo: bar',
  '__proto__: {polluted: 1}',
  'constructor: x',
  'title: 重复的标题',
  'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  '\ttitle: 制表符',
  'title: *undefined_alias',
  'title: "未闭合',
  '? [complex, key]\n: value',
  '!!js/function "function(){}"',
];

function frontMatterMutation(random: Random, source: string): { text: string; what: string } {
  const end = source.indexOf('\n---', 4);
  switch (int(random, 0, 3)) {
    case 0:
      return end < 0 ? { text: source, what: 'no front matter to unclose' } : { text: source.slice(0, end) + source.slice(end + 4), what: 'front matter left unclosed' };
    case 1: {
      const value = pick(random, FRONT_VALUES);
      return { text: source.replace(/^---\n/, `---\n${value}\n`), what: `front matter gets ${JSON.stringify(value)}` };
    }
    case 2:
      return { text: `\n${source}`, what: 'front matter moved off the first line' };
    default:
      return { text: source.replace(/^---\n[\s\S]*?\n---\n/, pick(random, ['---\n---\n', '---\n', '---\n- a\n- b\n---\n', '---\n: :\n---\n'])), what: 'front matter replaced' };
  }
}

const BOOK_VALUES = [
  'title: [决胜, 全面]',
  'editors: 5',
  'chapters: foo',
  'chapters: []',
  'chapters: {file: x}',
  'date: {}',
  'date: 99999-99',
  'edition: -1',
  'trim: { width: 0mm, height: -5mm }',
  'trim: { width: 1e9mm, height: 1e9mm }',
  'isbn: x',
  'language: "../../etc"',
  'spacing: both',
  'rules: { no-such-rule: error, punctuation-dash: loud }',
  'rules: 1',
  'unknown_key: 1',
  '__proto__: { polluted: 1 }',
  'cover: ../sentinel/secret.png',
  'cover: /etc/passwd',
  'cover: chapters',
  'toc: { depth: 99 }',
  'toc: { depth: -1 }',
  'title: 重复',
];
const CHAPTER_ENTRIES = [
  '  - file: ../sentinel/secret.md',
  '  - file: chapters/../../sentinel/secret.md',
  '  - file: /etc/passwd',
  '  - file: chapters/nonexistent.md',
  '  - file: chapters/02-community.md',
  '  - file: book.yaml',
  '  - file: chapters',
  '  - file: ""',
  '  - {}',
  '  - title: 计划中的章节',
  '  - title: [1]\n    authors: 1',
  '  - file: chapters/01-political-ecology.md\n    title: 既有文件又有标题',
];
const YAML_BREAKS = ['[', ': :', '\tindent: tab', 'a: *nope', '%YAML 1.1', '---', '...', 'key: "unclosed', '- list at top', '{', '&a', '? x', 'x: |\n  block\n bad'];

function bookYamlMutation(random: Random, source: string): { text: string; what: string } {
  const lines = source.split('\n');
  const at = int(random, 0, lines.length - 1);
  switch (int(random, 0, 5)) {
    case 0:
      lines.splice(at, 1);
      return { text: lines.join('\n'), what: `book.yaml line ${at + 1} deleted` };
    case 1:
      lines.splice(at, 0, lines[at]!);
      return { text: lines.join('\n'), what: `book.yaml line ${at + 1} duplicated` };
    case 2: {
      const value = pick(random, BOOK_VALUES);
      const key = value.split(':')[0]!;
      const existing = lines.findIndex((line) => line.startsWith(`${key}:`));
      if (existing >= 0) lines[existing] = value;
      else lines.splice(1, 0, value);
      return { text: lines.join('\n'), what: `book.yaml gets ${JSON.stringify(value)}` };
    }
    case 3: {
      const entry = pick(random, CHAPTER_ENTRIES);
      return { text: `${source.trimEnd()}\n${entry}\n`, what: `book.yaml chapter ${JSON.stringify(entry)}` };
    }
    case 4: {
      const broken = pick(random, YAML_BREAKS);
      lines.splice(at, 0, broken);
      return { text: lines.join('\n'), what: `book.yaml line ${at + 1}: inserted ${JSON.stringify(broken)}` };
    }
    default: {
      const cut = int(random, 0, source.length);
      return { text: source.slice(0, cut), what: `book.yaml truncated at ${cut}` };
    }
  }
}

/** Rule ids to switch off, so that some broken manuscripts get past the check and into the HTML build. */
export function rulesOff(ids: readonly string[]): string {
  return `rules:\n${ids.map((id) => `  ${id}: off`).join('\n')}\n`;
}

export function fuzzCase(seed: number, index: number, ruleIds: readonly string[]): FuzzCase {
  const random = prng(seed, index);
  const files = new Map<string, Uint8Array>();
  for (const path of [BOOK_YAML, ...CHAPTERS]) files.set(path, new Uint8Array(readFileSync(join(MINI, path))));
  const mutations: string[] = [];
  const count = int(random, 1, 3);
  for (let i = 0; i < count; i++) {
    const kind = random();
    const chapter = pick(random, CHAPTERS);
    if (kind < 0.25) {
      const { bytes, what } = byteMutation(random, files.get(chapter)!);
      files.set(chapter, bytes);
      mutations.push(`${chapter}: ${what}`);
    } else if (kind < 0.6) {
      const { text: next, what } = markdownMutation(random, text(files.get(chapter)!));
      files.set(chapter, utf8(next));
      mutations.push(`${chapter}: ${what}`);
    } else if (kind < 0.8) {
      const { text: next, what } = frontMatterMutation(random, text(files.get(chapter)!));
      files.set(chapter, utf8(next));
      mutations.push(`${chapter}: ${what}`);
    } else {
      const { text: next, what } = bookYamlMutation(random, text(files.get(BOOK_YAML)!));
      files.set(BOOK_YAML, utf8(next));
      mutations.push(what);
    }
  }
  // Half the cases switch every rule off, so the build renders what the check would have refused.
  if (random() < 0.5) {
    files.set(BOOK_YAML, utf8(`${text(files.get(BOOK_YAML)!).trimEnd()}\n${rulesOff(ruleIds)}`));
    mutations.push('every rule off');
  }
  return { seed, index, files, mutations };
}
