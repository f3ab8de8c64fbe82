/**
 * What an image file is, by its first bytes rather than its name: the check (resource-format, the
 * cover in book-metadata) refuses an image the editions cannot ship as named.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

export type Format = 'PNG' | 'JPEG' | 'GIF' | 'SVG';

/**
 * The formats every edition shows: EPUB 3.2's core image types, which every reading system displays
 * and epubcheck accepts without a fallback (WebP became one only in EPUB 3.3; epubcheck 4 rejects it).
 */
export const BY_EXTENSION: Record<string, Format> = { '.png': 'PNG', '.jpg': 'JPEG', '.jpeg': 'JPEG', '.gif': 'GIF', '.svg': 'SVG' };

/** Each format's media type, as a package (EPUB) declares it. */
export const MEDIA_TYPES: Record<Format, string> = { PNG: 'image/png', JPEG: 'image/jpeg', GIF: 'image/gif', SVG: 'image/svg+xml' };

/** Enough of a file's head to tell its format (an SVG may open with an XML declaration and comments). */
const HEAD_BYTES = 1024;

/** What the file's first bytes say it is, whatever its name says. */
export function formatOf(head: Buffer): Format | 'WebP' | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'JPEG';
  if (/^GIF8[79]a/.test(head.toString('latin1', 0, 6))) return 'GIF';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'WebP';
  if (/<svg[\s>]/.test(head.toString('utf8'))) return 'SVG';
  return undefined;
}

/** The file's first bytes; undefined when there is no such file, empty when it cannot be read as one (a folder). */
export function readHead(path: string): Buffer | undefined {
  let descriptor: number | undefined;
  try {
    // Opening a named pipe waits for a writer, for ever: only a regular file is read (anything else is no image).
    const found = statSync(path, { throwIfNoEntry: false });
    if (!found) return undefined;
    if (!found.isFile()) return Buffer.alloc(0);
    descriptor = openSync(path, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    return head.subarray(0, readSync(descriptor, head, 0, HEAD_BYTES, 0));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : Buffer.alloc(0);
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}


/** How much of an SVG file is searched for what it must not hold. */
const SVG_READ_LIMIT = 4 * 1024 * 1024;

/**
 * What an SVG image holds that only a document may: a script, an event handler, or a reference to
 * another file (the network, or a file beside it). In an <img> no browser runs or loads them, but an
 * EPUB must declare scripted content and may carry no remote resource: epubcheck fails the book.
 */
export function svgProblem(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path).subarray(0, SVG_READ_LIMIT).toString('utf8');
  } catch {
    return undefined; // formatOf has read it already: a file gone since is not this check's to report
  }
  if (/<script[\s>/]/i.test(text)) return 'a script';
  const handler = /<[a-z][^>]*?\s(on[a-z]+)\s*=/i.exec(text);
  if (handler) return `an event handler (\`${handler[1]}\`)`;
  // What an SVG loads: images and uses by href, CSS by url() or @import (a link's href is not loaded).
  const loads = /<(?:image|use|feImage)\b[^>]*?\bhref\s*=\s*["']\s*([^"'\s]+)|url\(\s*["']?\s*([^"')\s]+)|@import\s+["']([^"']+)/gi;
  for (const match of text.matchAll(loads)) {
    const target = match[1] ?? match[2] ?? match[3] ?? '';
    if (!target.startsWith('#') && !target.startsWith('data:')) return `a reference to \`${target.slice(0, 80)}\``;
  }
  return undefined;
}
