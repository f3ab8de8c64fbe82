/**
 * Reads a manuscript file as UTF-8 text into a VFile, reporting (never throwing) what makes it unreadable:
 * a binary file, invalid UTF-8 (with the line of the first bad byte), a GBK/GB18030 export.
 * A UTF-8 BOM is dropped; CRLF line endings are accepted as they are (the Markdown parser handles them).
 */
import { readFile, stat } from 'node:fs/promises';
import { VFile } from 'vfile';

export const ENCODING_RULE = 'file-encoding';

/**
 * Far beyond any book's text (the 29-report anthology is ~1 MB of UTF-8, the bench's ten-times book
 * ~10 MB): a larger file is no manuscript, and reading it whole could exhaust the memory.
 */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a text file the user names, or why it cannot be one: missing, a folder, a device or
 * pipe (`/dev/zero` never ends, a FIFO waits for a writer forever), or too large.
 */
export async function readTextBytes(path: string): Promise<Buffer | { refused: string; missing?: boolean }> {
  try {
    const found = await stat(path);
    if (found.isDirectory()) return { refused: 'is a folder, expected a file' };
    if (!found.isFile()) return { refused: 'is a device or pipe, not a file' };
    if (found.size > MAX_TEXT_BYTES) return { refused: `is ${Math.round(found.size / 1024 / 1024)} MB, more than any book's text (at most ${MAX_TEXT_BYTES / 1024 / 1024} MB)` };
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { refused: 'no such file', missing: true } : { refused: `cannot be read (${(error as Error).message})` };
  }
}

export async function readTextFile(path: string, cwd = process.cwd()): Promise<VFile> {
  const file = new VFile({ path, cwd });
  const bytes = await readTextBytes(path);
  if (!Buffer.isBuffer(bytes)) {
    const reason = bytes.missing ? 'File not found' : `Unexpected file that ${bytes.refused}`;
    file.message(reason, { ruleId: bytes.missing ? 'file-missing' : 'file-unreadable', source: 'folio' }).fatal = true;
    return file;
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) {
    file.value = decoded.text;
    return file;
  }
  const place = { line: decoded.line, column: decoded.column };
  const message = file.message(decoded.reason, { place, ruleId: ENCODING_RULE, source: 'folio' });
  message.fatal = true;
  return file;
}

type Decoded =
  | { ok: true; text: string }
  | { ok: false; reason: string; line: number; column: number };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  const bomless = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = bomless.indexOf(0);
  if (nul !== -1) {
    const at = positionOfByte(bomless, nul);
    return { ok: false, reason: 'Unexpected binary file (NUL byte), expected UTF-8 Markdown text', ...at };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bomless) };
  } catch {
    const bad = firstInvalidUtf8(bomless);
    const at = positionOfByte(bomless, bad);
    const gb = looksLikeGb18030(bomless);
    const reason = gb
      ? 'Unexpected GBK/GB18030 encoding, expected UTF-8: convert it with `iconv -f GB18030 -t UTF-8` (folio import converts it for you)'
      : 'Unexpected invalid UTF-8 byte sequence, expected UTF-8 text';
    return { ok: false, reason, ...at };
  }
}

/** Decodes GB18030 when a Word export came in that encoding (the importer converts, with a notice). */
export function decodeGb18030(bytes: Uint8Array): string | undefined {
  if (!looksLikeGb18030(bytes)) return undefined;
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return /[\u4e00-\u9fff]/.test(text);
  } catch {
    return false;
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
