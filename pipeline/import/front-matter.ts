/**
 * Step 4: the front-matter pages of the export (title page, CIP block, pinyin title page, copyright page
 * and its notices) -> book.yaml fields. Values are kept as printed (`338 千`, `86.00 元`); only what the
 * schema types (dates, edition numbers, trim, 印张) is converted.
 */
import type { BookMeta } from '../config/schema.ts';
import { joinCut, type Block, type Note, type StepResult } from './types.ts';

/** book.yaml without its plan, every field still optional: the export may lack any of them. */
export type FrontMatter = Partial<Omit<BookMeta, 'chapters' | 'publisher' | 'cip' | 'imprint' | 'edition'>> & {
  publisher: Partial<BookMeta['publisher']>;
  cip: Partial<BookMeta['cip']>;
  imprint: BookMeta['imprint'];
  edition: Partial<BookMeta['edition']>;
};

interface Line {
  text: string;
  line: number;
}

export function readFrontMatter(pages: Block[][]): StepResult<FrontMatter> {
  const meta: FrontMatter = { publisher: {}, cip: {}, imprint: {}, edition: {} };
  const notes: Note[] = [];
  for (const page of pages) {
    const text = page.map((b) => b.text).join('\n');
    if (page.some((b) => b.kind === 'heading' && b.depth === 1) && meta.title === undefined) titlePage(page, meta, notes);
    else if (/图书在版编目|CIP\s*数据核字/.test(text)) cipPage(page, meta, notes);
    else if (/^[A-Za-zü]+(\s+[A-Za-zü]+)+\s*$/m.test(page[0]?.text.split('\n')[0] ?? '')) pinyinPage(page, meta, notes);
    else if (/\t/.test(text)) imprintPage(page, meta, notes);
    else noticesPage(page, meta, notes);
  }
  if (pages.length > 0) notes.unshift({ level: 'changed', line: pages[0]![0]!.line, message: 'Title page, CIP block and copyright page moved into book.yaml' });
  return { value: meta, notes };
}

function linesOf(block: Block): Line[] {
  return block.text.split('\n').map((text, i) => ({ text: text.trim(), line: block.origins[i]?.line ?? block.line }));
}

function unplaced(notes: Note[], { text, line }: Line, where: string) {
  notes.push({ level: 'review', line, message: `Unexpected line on the ${where}, not moved into book.yaml: ${text}` });
}

function titlePage(page: Block[], meta: FrontMatter, notes: Note[]) {
  for (const block of page) {
    if (block.kind === 'heading') {
      meta.title = block.text.trim();
      continue;
    }
    const lines = linesOf(block);
    const editors = /^主\s*编\s+(.+)$/.exec(lines[0]!.text);
    if (editors) meta.editors = splitNames(editors[1]!);
    else if (/出版社$/.test(lines[0]!.text)) {
      meta.publisher.name = lines[0]!.text;
      if (lines[1]) meta.publisher.place = lines[1].text.replace(/[·•\s]/g, '');
    } else if (meta.subtitle === undefined && lines.length === 1) meta.subtitle = lines[0]!.text;
    else lines.forEach((l) => unplaced(notes, l, 'title page'));
  }
}

function cipPage(page: Block[], meta: FrontMatter, notes: Note[]) {
  const record: string[] = [];
  for (const block of page) {
    const text = linesOf(block).map((l) => l.text).reduce(joinCut);
    if (block.kind === 'heading' || /^图书在版编目/.test(text)) continue;
    const number = /CIP\s*数据核字\s*[(（]\s*(\d{4})\s*[)）]\s*第\s*(\d+)\s*号/.exec(text);
    if (number) {
      meta.cip.number = `${number[1]} 第${number[2]}号`;
      continue;
    }
    const classification = /\s*\.?\s*([A-Z]\d[\d.]*(?:-\d+)?)\s*$/.exec(text);
    if (classification && !/ISBN/.test(text)) {
      meta.cip.classification = classification[1]!;
      // The export elides the title/editor access points (决胜... 毛...); what follows them is the subject heading.
      const headings = text.slice(0, classification.index).replace(/\s*\.$/, '');
      const subject = headings.split(/(?<=\.\.\.|…)\s+/).filter((part) => !/(\.\.\.|…)$/.test(part));
      if (subject.length > 0) meta.cip.subjects = subject;
      if (/\.\.\.|…/.test(headings)) notes.push({ level: 'review', line: block.line, message: 'CIP access points are elided in the export (决胜... 毛...); kept as printed in cip.record' });
      record.push(text);
      continue;
    }
    // GB/T 12451 elements: title / editors. —— place : publisher, year  ISBN
    const elements = text.split(/(?<=\.)\s+(?=—)|\s+(?=ISBN)/);
    record.push(...elements);
    const isbn = /ISBN\s*([\d-]{13,17})/.exec(text);
    if (isbn) checkIsbn(isbn[1]!, meta, notes, block.line);
  }
  if (record.length > 0) meta.cip.record = record;
}

function pinyinPage(page: Block[], meta: FrontMatter, notes: Note[]) {
  const lines = page.flatMap(linesOf);
  const latin = lines.filter((l) => /^[—\-\sA-Za-zü\d]+$/.test(l.text));
  if (latin[0]) meta.title_pinyin = latin[0].text;
  if (latin[1]) meta.subtitle_pinyin = latin[1].text.replace(/^[—\-]+\s*/, '');
  for (const l of lines.filter((x) => !latin.includes(x))) {
    const bare = (s: string | undefined) => (s ?? '').replace(/[\s—]/g, '');
    const repeats = [meta.title, meta.subtitle].some((t) => bare(t) === bare(l.text)) || bare(l.text) === `主编${(meta.editors ?? []).join('')}`;
    if (!repeats) unplaced(notes, l, 'pinyin title page');
  }
}

const IMPRINT_FIELDS: Record<string, (value: string, meta: FrontMatter, notes: Note[], line: number) => void> = {
  责任编辑: (v, m) => void (m.imprint.responsible_editor = v),
  助理编辑: (v, m) => void (m.imprint.assistant_editor = v),
  封面设计: (v, m) => void (m.imprint.cover_design = v),
  出版发行: (v, m, notes, line) => {
    const match = /^(.+?)\s*[(（](.+)[)）]$/.exec(v);
    const name = match ? match[1]! : v;
    if (match) m.publisher.address = match[2]!.trim();
    if (m.publisher.name && m.publisher.name !== name) notes.push({ level: 'review', line, message: `Publisher 出版发行 ${name} differs from the title page (${m.publisher.name})` });
    m.publisher.name ??= name;
  },
  发行部电话: (v, m) => void (m.publisher.phone = v.split(/\s+/)),
  邮政编码: (v, m) => void (m.publisher.postcode = v),
  网址: (v, m) => void (m.publisher.website = v.replace(/<a\b[^>]*>(.*?)<\/a>/g, '$1').trim()),
  印刷: (v, m) => void (m.imprint.printer = v),
  成品尺寸: (v, m, notes, line) => {
    const trim = /^([\d.]+)\s*(mm|cm)\s*[×xX*]\s*([\d.]+)\s*(mm|cm)$/.exec(v);
    if (trim) m.trim = { width: `${trim[1]}${trim[2]}`, height: `${trim[3]}${trim[4]}` };
    else notes.push({ level: 'review', line, message: `Unexpected trim size ${v}, expected e.g. 185 mm × 260 mm` });
  },
  印张: (v, m) => void (m.imprint.sheets = Number(v)),
  字数: (v, m) => void (m.imprint.words = v),
  版次: (v, m, notes, line) => {
    const match = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*第\s*(\d+)\s*版/.exec(v);
    if (!match) return void notes.push({ level: 'review', line, message: `Unexpected 版次 ${v}, expected e.g. 2021 年 8 月第 1 版` });
    m.date = `${match[1]}-${match[2]!.padStart(2, '0')}`;
    m.edition.number = Number(match[3]);
  },
  印次: (v, m, notes, line) => {
    const match = /(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*)?第\s*(\d+)\s*次/.exec(v);
    if (!match) return void notes.push({ level: 'review', line, message: `Unexpected 印次 ${v}, expected e.g. 2021 年 8 月第 1 次` });
    m.edition.printing = Number(match[3]);
    const date = match[1] ? `${match[1]}-${match[2]!.padStart(2, '0')}` : undefined;
    // A printing on the publication date needs no date of its own.
    if (date && date !== m.date) m.edition.printing_date = date;
  },
  书号: (v, m, notes, line) => {
    const isbn = /([\d-]{13,17})/.exec(v)?.[1];
    if (isbn) checkIsbn(isbn, m, notes, line);
  },
  定价: (v, m) => void (m.imprint.price = v),
};

function imprintPage(page: Block[], meta: FrontMatter, notes: Note[]) {
  for (const l of page.flatMap(linesOf)) {
    const match = /^([^\t]+)\t+(.+)$/.exec(l.text);
    const field = match && IMPRINT_FIELDS[match[1]!.replace(/\s/g, '')];
    if (field) field(match[2]!.trim(), meta, notes, l.line);
    else unplaced(notes, l, 'copyright page');
  }
}

function noticesPage(page: Block[], meta: FrontMatter, notes: Note[]) {
  for (const l of page.flatMap(linesOf)) {
    const phone = /\s*举报电话[:：]\s*(\S+)/.exec(l.text);
    if (phone) meta.publisher.report_phone = phone[1]!;
    const notice = phone ? l.text.replace(phone[0], '').trim() : l.text;
    if (notice) (meta.imprint.notices ??= []).push(notice);
  }
}

function checkIsbn(isbn: string, meta: FrontMatter, notes: Note[], line: number) {
  const digits = isbn.replace(/-/g, '');
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  if (digits.length !== 13 || sum % 10 !== 0) notes.push({ level: 'review', line, message: `ISBN ${isbn} has a wrong check digit` });
  if (meta.isbn && meta.isbn !== isbn) notes.push({ level: 'review', line, message: `ISBN ${isbn} differs from ${meta.isbn} given earlier` });
  meta.isbn ??= isbn;
}

function splitNames(text: string): string[] {
  return text.split(/[\s,，、]+/).filter(Boolean);
}
