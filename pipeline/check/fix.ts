/**
 * The safe fixes of `folio check --fix`, as one function on a file's text, shared by `folio check --fix`
 * and `folio import` (which runs them as its last step). Rules attach edits to their messages; edits are
 * applied back to front, a message's edits all or none, skipping any that overlap one already taken.
 * A fix can expose another (a joined paragraph gets its punctuation checked), so passes repeat until none
 * applies: running it twice changes nothing the second time.
 */
import { VFile } from 'vfile';
import { checkFiles, type CheckOptions } from './engine.ts';
import type { Edit } from './types.ts';

const MAX_PASSES = 8;

export function applyEdits(source: string, groups: Edit[][]): { text: string; applied: number } {
  const ordered = [...groups].filter((g) => g.length > 0).sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
  const taken: Edit[] = [];
  let applied = 0;
  for (const group of ordered) {
    // Two edits touching the same point (an insertion there) are ambiguous too: the later waits a pass.
    const overlaps = group.some((edit) =>
      taken.some((t) => (edit.start < t.end && t.start < edit.end) || ((edit.start === edit.end || t.start === t.end) && edit.start === t.start)),
    );
    if (overlaps) continue;
    taken.push(...group);
    applied++;
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = source;
  for (const edit of taken) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return { text, applied };
}

/** The text of `file` with every safe fix applied, under the given options (book.yaml severities and spacing). */
export function fixText(file: VFile, options: CheckOptions = {}): string {
  // The parser skips a leading BOM, so node offsets (and the edits built from them) count from after it.
  const bom = String(file.value).startsWith('\uFEFF') ? '\uFEFF' : '';
  let text = String(file.value).slice(bom.length);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const scratch = new VFile({ path: file.path, cwd: file.cwd, value: text });
    checkFiles([scratch], options);
    const groups = scratch.messages.flatMap((message) => (message.edits ? [message.edits] : []));
    const { text: next, applied } = applyEdits(text, groups);
    if (applied === 0 || next === text) break;
    text = next;
  }
  return bom + text;
}

export async function fixMarkdown(file: VFile): Promise<string> {
  return fixText(file);
}
