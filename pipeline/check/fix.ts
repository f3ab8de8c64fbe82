/**
 * The safe fixes of `folio check --fix`, as one function on a file's text, shared by `folio check --fix`
 * and `folio import` (which runs them as its last step).
 * Placeholder until the check rules land: returns the text unchanged.
 */
import type { VFile } from 'vfile';

export async function fixMarkdown(file: VFile): Promise<string> {
  return String(file.value);
}
