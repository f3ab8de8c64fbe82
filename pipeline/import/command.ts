/**
 * `folio import EXPORT --out DIR [--force]`: the adapter between the file system and `importExport`.
 * Reads and decodes the export, writes the manuscript, loads it back with the Book loader as a self-check,
 * and prints what changed and what needs an editor's eye, with export line numbers.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { loadBook } from '../book/load.ts';
import { EXIT, type Io, unwritableReason } from '../io.ts';
import { decodeExport } from './decode.ts';
import { importExport } from './index.ts';
import type { Note } from './types.ts';

export interface ImportOptions {
  exportPath: string;
  out: string;
  force?: boolean;
}

export async function runImport(io: Io, { exportPath, out, force }: ImportOptions): Promise<number> {
  const usage = (reason: string) => {
    io.err(`folio import: ${reason}\n`);
    return EXIT.usage;
  };
  const source = resolve(io.cwd, exportPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return usage(`${exportPath}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a Word export file' : (error as Error).message}`);
  }
  const decoded = decodeExport(bytes);
  if ('refused' in decoded) return usage(`${exportPath} ${decoded.refused}`);

  const target = resolve(io.cwd, out);
  if (existsSync(target) && !statSync(target).isDirectory()) return usage(`${out} is a file, expected a folder for the manuscript`);
  if (existsSync(target) && readdirSync(target).length > 0 && !force) {
    return usage(`${out} already exists and is not empty; pass --force to overwrite it`);
  }

  const result = await importExport(decoded.text);
  const notes = [...decoded.notes, ...result.notes];
  try {
    for (const file of result.files) {
      const path = join(target, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.text);
    }
  } catch (error) {
    const why = unwritableReason(error);
    if (!why) throw error;
    return usage(`cannot write the manuscript to ${out}: ${why}`);
  }
  const loaded = await loadBook(target, io.cwd);
  for (const file of loaded.files) {
    for (const message of file.messages.filter((m) => m.fatal)) {
      notes.push({ level: 'error', message: `${relative(io.cwd, file.path)}:${message.line ?? 1}: ${message.reason}` });
    }
  }

  const chapters = result.files.length - 1;
  io.out(`Imported ${exportPath} into ${out}/: book.yaml and ${chapters} chapter file${chapters === 1 ? '' : 's'}\n`);
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
