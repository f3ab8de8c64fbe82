/**
 * Step 3: the typed contents list of the Word export -> the chapter plan. The list itself is dropped (the
 * contents are generated); its entries are kept: title, subtitle (——以…为例, stored without the ——) and
 * authors, joined back from the lines a page break or the export split them over.
 */
import type { Block, Note, PlanEntry, StepResult } from './types.ts';

/** Word's broken cross-reference fields, in the forms Chinese and English Word print them. */
const DEBRIS = /错误[!！]\s*(?:未定义书签|引用源未找到)[。.]?|Error! (?:Bookmark not defined|Reference source not found)\./g;
/** An entry opens with a page number (`001`, `0`), a debris field, or both. */
const ENTRY_START = new RegExp(`^\\s*(\\d+[\\t ]+)?((?:${DEBRIS.source})\\s*)?`);

export function isContentsEntryStart(line: string): boolean {
  const match = ENTRY_START.exec(line);
  return Boolean(match && (match[1] || match[2]));
}

export function parseContents(blocks: Block[]): StepResult<PlanEntry[]> {
  const entries: PlanEntry[] = [];
  const notes: Note[] = [];
  let debris = 0;
  let pageNumbers = 0;
  let current: PlanEntry | undefined;
  for (const block of blocks) {
    block.text.split('\n').forEach((raw, i) => {
      const line = block.origins[i]?.line ?? block.line;
      if (isContentsEntryStart(raw)) {
        const match = ENTRY_START.exec(raw)!;
        if (match[1]) pageNumbers++;
        debris += (match[2] ?? '').match(DEBRIS)?.length ?? 0;
        current = { title: '', authors: [], line };
        entries.push(current);
        addPiece(current, raw.slice(match[0].length), line, notes);
      } else if (current) {
        addPiece(current, raw, line, notes);
      } else {
        notes.push({ level: 'review', line, message: `Unexpected text before the first contents entry, dropped: ${raw.trim()}` });
      }
    });
  }
  if (entries.length > 0) {
    const first = blocks[0]!.line;
    const what = [debris && `${debris} × 错误!未定义书签`, pageNumbers && `${pageNumbers} page numbers`].filter(Boolean).join(', ');
    notes.unshift({ level: 'changed', line: first, message: `Word contents list dropped (${what}); its ${entries.length} entries kept as the chapter plan in book.yaml` });
  }
  for (const [index, entry] of entries.entries()) {
    if (entry.authors.length === 0) notes.push({ level: 'review', line: entry.line, message: `Contents entry ${index + 1} 《${entry.title}》 names no authors` });
  }
  return { value: entries, notes };
}

/** One line (or the rest of one) of an entry: `title ——subtitle / authors`, any part possibly alone. */
function addPiece(entry: PlanEntry, raw: string, line: number, notes: Note[]) {
  let text = raw.replace(/\t/g, ' ').trim();
  if (text === '') return;
  const slash = text.search(/(?:^|\s)\/\s/);
  if (slash >= 0) {
    const names = text.slice(slash).replace(/^\s*\/\s*/, '');
    // Chinese names are separated by spaces; Latin names contain them and are separated by commas.
    entry.authors.push(...names.split(/[A-Za-z]/.test(names) ? /\s*[,，、;；]\s*/ : /[\s,，、;；]+/).filter(Boolean));
    text = text.slice(0, slash).trim();
  }
  const dash = text.indexOf('——');
  if (dash >= 0) {
    entry.subtitle = text.slice(dash + 2).trim();
    text = text.slice(0, dash).trim();
  }
  if (text === '') return;
  if (entry.title !== '') {
    notes.push({ level: 'changed', line, message: `Contents entry cut at a page break joined: …${entry.title.slice(-4)} + ${text.slice(0, 4)} -> ${entry.title + text}` });
    entry.title += text;
  } else {
    entry.title = text;
  }
}
