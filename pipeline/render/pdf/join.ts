/**
 * Joins the printed documents into one PDF with qpdf (~0.1 s for ~290 pages, measured in rendering.md),
 * inserting the blank pages that make each document start on a right-hand page, and lays the folio
 * sheet over it in the same run. `--deterministic-id` keeps the file byte-reproducible.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';

const run = promisify(execFile);

/** A one-page PDF of the given size with nothing on it. */
export async function blankPagePdf(width: number, height: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.addPage([width, height]);
  return pdf.save();
}

/** Joins `documents` (a blank page after those marked) and lays `overlay`'s pages over the result, page by page. */
export async function joinPdfs(workDir: string, documents: Uint8Array[], blankAfter: boolean[], blank: Uint8Array, overlay: Uint8Array): Promise<Uint8Array> {
  const blankPath = join(workDir, 'blank.pdf');
  const overlayPath = join(workDir, 'overlay.pdf');
  await writeFile(blankPath, blank);
  await writeFile(overlayPath, overlay);
  const inputs: string[] = [];
  for (const [index, bytes] of documents.entries()) {
    const path = join(workDir, `document-${index}.pdf`);
    await writeFile(path, bytes);
    inputs.push(path);
    if (blankAfter[index]) inputs.push(blankPath);
  }
  const output = join(workDir, 'joined.pdf');
  try {
    await run('qpdf', ['--deterministic-id', '--empty', '--pages', ...inputs, '--', '--overlay', overlayPath, '--', output], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // qpdf exits 3 for warnings, having written the file.
    if (code !== 3) {
      if (code === 'ENOENT') throw new Error('qpdf is not installed (apt-get install qpdf): it joins the PDF parts');
      throw new Error(`qpdf could not join the PDF parts: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
    }
  }
  return readFile(output);
}
