/**
 * The schema of `manuscript/book.yaml`: the book's metadata and its plan of chapters.
 * zod validates it once; everything downstream sees only the parsed `BookMeta`.
 */
import * as z from 'zod';
import { typeAreaProblem } from './page.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A length such as `185mm`, `18.5cm` or `12pt`; stored as written, converted where needed. */
export const length = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(mm|cm|pt|in)$/, 'expected a length such as "185mm"');

export const chapterPlan = z
  .object({
    /** Markdown file relative to the manuscript folder; absent (or not yet on disk) = a planned chapter. */
    file: nonEmpty.optional(),
    /** For planned chapters; a written chapter's own front matter is authoritative. */
    title: nonEmpty.optional(),
    subtitle: nonEmpty.optional(),
    authors: z.array(nonEmpty).optional(),
    /** Short title for the running head of the print edition. */
    short_title: nonEmpty.optional(),
  })
  .strict()
  .refine((c) => c.file !== undefined || c.title !== undefined, {
    message: 'a chapter needs a file or, while it is only planned, a title',
  });

const severity = z.enum(['error', 'warning', 'info', 'off']);

export const bookSchema = z
  .object({
    title: nonEmpty,
    subtitle: nonEmpty.optional(),
    /** The title in pinyin, as printed on the CIP/copyright page. */
    title_pinyin: nonEmpty.optional(),
    subtitle_pinyin: nonEmpty.optional(),
    editors: z.array(nonEmpty).min(1),
    publisher: z
      .object({
        name: nonEmpty,
        place: nonEmpty,
        address: nonEmpty.optional(),
        phone: z.array(nonEmpty).optional(),
        postcode: nonEmpty.optional(),
        website: nonEmpty.optional(),
        /** 举报电话 (the piracy hotline printed on the copyright page). */
        report_phone: nonEmpty.optional(),
      })
      .strict(),
    /** Publication date, YYYY-MM or YYYY-MM-DD; also the fixed date of reproducible builds. */
    date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected a date such as 2021-08'),
    edition: z
      .object({
        /** 版次: the 1st edition, published on `date` unless `edition_date` is given. */
        number: z.number().int().positive(),
        date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/).optional(),
        /** 印次: which printing. */
        printing: z.number().int().positive(),
        printing_date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/).optional(),
      })
      .strict(),
    isbn: z.string().regex(/^97[89]-?[\d-]{10,13}$/, 'expected an ISBN-13 such as 978-7-5643-8148-6'),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 tag such as zh-Hans'),
    trim: z.object({ width: length, height: length }).strict(),
    /** Print margins (type area = trim minus margins). */
    margins: z
      .object({ top: length, bottom: length, inner: length, outer: length })
      .strict()
      .optional(),
    description: nonEmpty.optional(),
    cip: z
      .object({
        /** The CIP record as printed, one line per element (title : other title / editors. —— place : publisher, year …). */
        record: z.array(nonEmpty).optional(),
        /** Subject headings (主题词) and the CLC classification number. */
        subjects: z.array(nonEmpty).optional(),
        classification: nonEmpty,
        /** 中国版本图书馆 CIP 数据核字 (2021) 第 141974 号 → "2021 第141974号". */
        number: nonEmpty,
      })
      .strict(),
    imprint: z
      .object({
        responsible_editor: nonEmpty.optional(),
        assistant_editor: nonEmpty.optional(),
        cover_design: nonEmpty.optional(),
        printer: nonEmpty.optional(),
        /** 印张 */
        sheets: z.number().positive().optional(),
        /** 字数, as printed (e.g. "338 千"). */
        words: nonEmpty.optional(),
        /** 定价, as printed (e.g. "86.00 元"). */
        price: nonEmpty.optional(),
        /** Lines printed at the foot of the copyright page. */
        notices: z.array(nonEmpty).optional(),
      })
      .strict(),
    /** A cover image (relative path) to use instead of the generated cover. */
    cover: nonEmpty.optional(),
    toc: z.object({ depth: z.number().int().min(1).max(4) }).strict().optional(),
    footnotes: z
      .object({ print_numbering: z.enum(['per-page-circled', 'per-chapter-arabic']) })
      .strict()
      .optional(),
    /** CJK–Latin spacing policy of the manuscript: the templates add the gap, so the text carries none. */
    spacing: z.enum(['none', 'space']).optional(),
    /** Per-rule severity overrides for `folio check`, e.g. `punctuation-half-width: warning`. */
    rules: z.record(z.string(), severity).optional(),
    chapters: z.array(chapterPlan).min(1),
  })
  .strict()
  .superRefine((book, context) => {
    const problem = typeAreaProblem(book.trim, book.margins);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: [book.margins ? 'margins' : 'trim'] });
  });

export type BookMeta = z.infer<typeof bookSchema>;
export type ChapterPlan = z.infer<typeof chapterPlan>;
export type RuleSeverity = z.infer<typeof severity>;

/** Front matter of a chapter file. */
export const chapterFrontMatter = z
  .object({
    title: nonEmpty,
    subtitle: nonEmpty.optional(),
    short_title: nonEmpty.optional(),
    authors: z.array(nonEmpty).default([]),
    keywords: z.array(nonEmpty).default([]),
  })
  .strict();

export type ChapterFrontMatter = z.infer<typeof chapterFrontMatter>;
