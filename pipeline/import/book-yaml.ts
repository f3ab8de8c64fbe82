/**
 * Step 12: front matter + chapter plan -> book.yaml text, keys in the order of the schema, checked
 * against it so that a field the export lacks is reported here rather than by `folio check` later.
 */
import * as z from 'zod';
import { bookSchema, type ChapterPlan } from '../config/schema.ts';
import type { FrontMatter } from './front-matter.ts';
import type { Note, StepResult } from './types.ts';
import { flowYaml } from './write-chapter.ts';

const HEADER = [
  ' The book\'s metadata: title page, CIP data, copyright page, and the plan of its chapters.',
  ' Written by `folio import`; edit it by hand from now on (schema: pipeline/config/schema.ts).',
  ' A chapter with a `file` is written (its front matter is authoritative); one without is planned.',
].join('\n');

export function writeBookYaml(front: FrontMatter, chapters: ChapterPlan[]): StepResult<string> {
  const meta = { ...front, language: front.language ?? 'zh-Hans', spacing: front.spacing ?? 'none', chapters };
  const ordered = inSchemaOrder(bookSchema, meta);
  const notes: Note[] = [];
  const result = bookSchema.safeParse(ordered);
  if (!result.success) {
    for (const issue of result.error.issues) {
      notes.push({ level: 'error', message: `book.yaml: \`${issue.path.join('.') || '(top level)'}\` ${issue.message}; not found in the export, add it by hand` });
    }
  }
  return { value: flowYaml(ordered, HEADER), notes };
}

/** Keys in the order the schema declares them (readers find fields where the schema documents them). */
function inSchemaOrder(schema: z.ZodType, value: unknown): unknown {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodObject) || typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const shape = inner.shape as Record<string, z.ZodType>;
  return Object.fromEntries(
    Object.keys(shape)
      .filter((key) => record[key] !== undefined && !isEmptyObject(record[key]))
      .map((key) => [key, inSchemaOrder(shape[key]!, record[key])]),
  );
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
