/**
 * The one stylesheet of the HTML edition: @font-face rules for the font slices the book needs, then the
 * typography shared by every edition (templates/shared/book.css), then the web layout
 * (templates/html/html.css, with its print rules). Fonts are self-hosted under `fonts/`.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FACES, slicesFor, type FontSlice } from '../fonts.ts';
import { TEMPLATES } from '../../paths.ts';

export const HTML_TEMPLATES = join(TEMPLATES, 'html');
const SHEETS = [join(TEMPLATES, 'shared', 'book.css'), join(HTML_TEMPLATES, 'html.css')];

export const FONTS_DIR = 'fonts';

/**
 * LXGW WenKai's quotation marks “ ” ‘ ’ are proportional (0.35 em, measured in Chromium), not the 1 em
 * of Chinese text: FolioKai takes them from the FolioSerif slice, declared last so that it wins.
 */
const KAI_QUOTES = '‘’“”';

/** The slices of every face that hold at least one of the characters (plus FolioKai's borrowed quotes). */
export function fontSlices(characters: Iterable<string>): FontSlice[] {
  const list = [...characters];
  const slices = FACES.flatMap((face) => slicesFor(face, list));
  const kai = FACES.find((face) => face.role === 'kai')!;
  const serif = FACES.find((face) => face.role === 'serif' && face.weight === kai.weight)!;
  const quotes = list.filter((character) => KAI_QUOTES.includes(character));
  const borrowed = slicesFor(serif, quotes).map((slice) => ({
    ...slice,
    face: kai,
    unicodeRange: slice.characters.map((c) => `U+${c.codePointAt(0)!.toString(16)}`).join(','),
  }));
  return [...slices, ...borrowed];
}

/** Where a slice is served from, relative to the edition's root. */
export function fontPath(slice: FontSlice): string {
  return `${FONTS_DIR}/${basename(slice.file)}`;
}

function fontFace(slice: FontSlice): string {
  return [
    '@font-face {',
    `  font-family: ${slice.face.family};`,
    '  font-style: normal;',
    `  font-weight: ${slice.face.weight};`,
    '  font-display: swap;',
    `  src: url(${fontPath(slice)}) format("woff2");`,
    `  unicode-range: ${slice.unicodeRange};`,
    '}',
  ].join('\n');
}

export function stylesheet(slices: FontSlice[]): string {
  // Read on every call: the preview picks up template edits without a restart, and a build reads them once.
  const sheets = SHEETS.map((path) => readFileSync(path, 'utf8'));
  return [`/* Font slices: only those whose unicode-range the book uses. */`, ...slices.map(fontFace), ...sheets].join('\n\n');
}
