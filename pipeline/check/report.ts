/**
 * Reporting helpers shared by the rules: a message at a source offset range, with optional edits,
 * in the unified style (`file.message(reason, {place, ruleId, source})`).
 */
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import type { VFileMessage } from 'vfile-message';
import type { Edit } from './types.ts';

type Locator = ReturnType<typeof location>;
const locators = new WeakMap<VFile, { value: unknown; locator: Locator }>();

/** One vfile-location per file text (building it walks the text once). */
export function locatorOf(file: VFile): Locator {
  const cached = locators.get(file);
  if (cached && cached.value === file.value) return cached.locator;
  const locator = location(file);
  locators.set(file, { value: file.value, locator });
  return locator;
}

export function report(
  file: VFile,
  ruleId: string,
  reason: string,
  start: number,
  end: number,
  edits?: Edit[],
): VFileMessage {
  const where = locatorOf(file);
  const from = where.toPoint(start);
  const to = where.toPoint(end) ?? from;
  const place = from && to ? { start: from, end: to } : undefined;
  const message = file.message(reason, { place, ruleId, source: 'folio' });
  if (edits && edits.length > 0) {
    message.fixable = true;
    message.edits = edits;
  }
  return message;
}
