/**
 * `folio import EXPORT --out DIR [--force]`: the adapter between the file system and `importExport`.
 * Reads and decodes the export, writes the manuscript, loads it back with the Book loader as a self-check,
 * and prints what changed and what needs an editor's eye, with export line numbers.
 * `folio import EXPORT --into DIR [--force]` adds the export's reports to an existing manuscript
 * (`importIntoBook`): the way the book's other reports come in, one Word export at a time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { loadBook } from '../book/load.ts';
import { readTextBytes } from '../book/read-text.ts';
import { EXIT, type Io, makeFolder, unwritableReason } from '../io.ts';
import { decodeExport } from './decode.ts';
import { importExport, importIntoBook, plannedChapters, type ImportResult } from './index.ts';
import type { Note } from './types.ts';

export interface ImportOptions {
  exportPath: string;
  /** A new manuscript folder. */
  out?: string;
  /** An existing manuscript folder, to add the export's reports to. */
  into?: string;
  force?: boolean;
}

export async function runImport(io: Io, { exportPath, out, into, force }: ImportOptions): Promise<number> {
  const usage = (reason: string) => {
    io.err(`folio import: ${reason}\n`);
    return EXIT.usage;
  };
  if ((out === undefined) === (into === undefined)) {
    return usage('expected either --out DIR (a new manuscript) or --into DIR (add the reports to an existing one)');
  }
  const source = resolve(io.cwd, exportPath);
  const bytes = await readTextBytes(source);
  if (!Buffer.isBuffer(bytes)) return usage(`${exportPath}: ${bytes.refused}`);
  const decoded = decodeExport(bytes);
  if ('refused' in decoded) return usage(`${exportPath} ${decoded.refused}`);

  const folder = (out ?? into)!;
  const target = resolve(io.cwd, folder);
  if (existsSync(target) && !statSync(target).isDirectory()) return usage(`${folder} is a file, expected a folder for the manuscript`);
  let result: ImportResult;
  if (out !== undefined) {
    if (existsSync(target) && readdirSync(target).length > 0 && !force) {
      return usage(`${out} already exists and is not empty; pass --force to overwrite it`);
    }
    result = await importExport(decoded.text);
  } else {
    if (!existsSync(join(target, 'book.yaml'))) return usage(`cannot add to ${into}: no book.yaml there, expected a manuscript folder (--out starts a new one)`);
    const { book, files } = await loadBook(target, io.cwd);
    if (!book || files.some((file) => file.messages.some((message) => message.fatal))) {
      return usage(`cannot add to ${into}: it does not load; \`folio check ${into}\` says why`);
    }
    const present = new Set(readdirSync(target, { recursive: true, encoding: 'utf8' }).map((path) => path.split(sep).join('/')));
    result = await importIntoBook(decoded.text, { bookYaml: String(book.metaFile.value), chapters: plannedChapters(book), files: present }, Boolean(force));
  }
  const notes = [...decoded.notes, ...result.notes];
  try {
    // Chapters first: book.yaml (written last) never names a file that is not there.
    for (const file of result.files) {
      const path = join(target, file.path);
      await makeFolder(dirname(path));
      await writeFile(path, file.text);
    }
  } catch (error) {
    const why = unwritableReason(error);
    if (!why) throw error;
    return usage(`cannot write the manuscript to ${folder}: ${why}`);
  }
  const loaded = await loadBook(target, io.cwd);
  for (const file of loaded.files) {
    for (const message of file.messages.filter((m) => m.fatal)) {
      notes.push({ level: 'error', message: `${relative(io.cwd, file.path)}:${message.line ?? 1}: ${message.reason}` });
    }
  }

  const chapters = result.files.length - 1;
  io.out(`Imported ${exportPath} into ${folder}/: ${chapters} chapter file${chapters === 1 ? '' : 's'} and ${out !== undefined ? 'book.yaml' : 'its entries in book.yaml'}\n`);
  printNotes(io, exportPath, 'Changed', notes.filter((n) => n.level === 'changed'));
  printNotes(io, exportPath, "Needs an editor's eye", notes.filter((n) => n.level === 'review'));
  const errors = notes.filter((n) => n.level === 'error');
  printNotes(io, exportPath, 'Could not import', errors);
  return errors.length > 0 ? EXIT.failed : EXIT.ok;
}

function printNotes(io: Io, exportPath: string, heading: string, notes: Note[]) {
  if (notes.length === 0) return;
  io.out(`\n${heading}:\n`);
  const byLine = [...notes].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  for (const note of byLine) io.out(`  ${note.line ? `${exportPath}:${note.line}: ` : ''}${note.message}\n`);
}
