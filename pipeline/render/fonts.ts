/**
 * The book's typefaces and the font files an edition needs for a given set of characters.
 *
 * Faces (cjk.md): body 宋 = Noto Serif SC, headings 黑 = Noto Sans SC, abstract and quotations 楷 =
 * LXGW WenKai. All three come from npm as TrueType-outline (glyf) woff2 files split by unicode-range:
 * Chromium embeds glyf fonts as CID TrueType (never Type 3, which printers reject), and an edition
 * ships only the slices whose range the book touches. The CSS family names are folio's own
 * (FolioSerif, FolioSans, FolioKai): OFL reserved names must not name a modified (subset) font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export type FaceRole = 'serif' | 'sans' | 'kai';

export interface Face {
  role: FaceRole;
  /** The family name the templates use. */
  family: string;
  weight: 400 | 700;
  /** The @fontsource-style stylesheet listing the slices. */
  stylesheet: string;
  /** The licence shipped with the fonts (EPUB carries it). */
  licence: string;
}

function face(role: FaceRole, family: string, weight: 400 | 700, pkg: string, css: string, licence: string): Face {
  const root = dirname(require.resolve(`${pkg}/package.json`));
  return { role, family, weight, stylesheet: join(root, css), licence: join(root, licence) };
}

export const FACES: Face[] = [
  face('serif', 'FolioSerif', 400, '@fontsource/noto-serif-sc', '400.css', 'LICENSE'),
  face('serif', 'FolioSerif', 700, '@fontsource/noto-serif-sc', '700.css', 'LICENSE'),
  face('sans', 'FolioSans', 400, '@fontsource/noto-sans-sc', '400.css', 'LICENSE'),
  face('sans', 'FolioSans', 700, '@fontsource/noto-sans-sc', '700.css', 'LICENSE'),
  face('kai', 'FolioKai', 400, 'lxgw-wenkai-webfont', 'lxgwwenkai-regular.css', 'OFL.txt'),
];

/** The CSS font stacks the templates use (the system fallback only matters for characters no face has). */
export const FONT_STACKS: Record<FaceRole, string> = {
  serif: 'FolioSerif, serif',
  sans: 'FolioSans, sans-serif',
  kai: 'FolioKai, FolioSerif, serif',
};

export interface FontSlice {
  face: Face;
  /** Absolute path of the woff2 file. */
  file: string;
  /** The slice's CSS unicode-range, as written in the stylesheet. */
  unicodeRange: string;
  /** The characters of the request that this slice provides. */
  characters: string[];
}

interface ParsedSlice {
  file: string;
  unicodeRange: string;
  ranges: Array<[number, number]>;
}

const parsed = new Map<string, ParsedSlice[]>();

function slicesOf(face: Face): ParsedSlice[] {
  let slices = parsed.get(face.stylesheet);
  if (slices) return slices;
  const css = readFileSync(face.stylesheet, 'utf8');
  slices = [];
  for (const block of css.split('@font-face').slice(1)) {
    const url = /url\(['"]?([^'")]+\.woff2)['"]?\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1];
    if (!url || !range) continue;
    const unicodeRange = range.replace(/\s+/g, '');
    slices.push({ file: join(dirname(face.stylesheet), url), unicodeRange, ranges: parseUnicodeRange(unicodeRange) });
  }
  parsed.set(face.stylesheet, slices);
  return slices;
}

export function parseUnicodeRange(range: string): Array<[number, number]> {
  return range.split(',').map((part) => {
    const [from, to] = part.replace(/^U\+/i, '').split('-');
    const start = parseInt(from!, 16);
    return [start, to ? parseInt(to, 16) : start];
  });
}

interface Segments {
  /** Sorted starts of disjoint code point segments; segment i runs up to starts[i + 1] - 1. */
  starts: Float64Array;
  /** The index (in the face's slice list) of the slice that provides segment i; -1: none. */
  owners: Int32Array;
}

/** By the slices' unicode-ranges: the four Noto faces are cut alike, so they share one table. */
const segmentsByLayout = new Map<string, Segments>();
/** The same tables by each face's (cached) slice list, so a lookup per character costs no key. */
const segmentsBySlices = new WeakMap<ParsedSlice[], Segments>();

/**
 * The slices' ranges cut into disjoint segments, each owned by one slice, for a binary search per
 * character (scanning every range of every slice per character took ~0.1 s a face). Slices may
 * overlap (a character in two ranges): the browser uses the last declared, so the later slice owns it.
 */
function segmentsOf(slices: ParsedSlice[]): Segments {
  const known = segmentsBySlices.get(slices);
  if (known) return known;
  const layout = slices.map((slice) => slice.unicodeRange).join('|');
  let segments = segmentsByLayout.get(layout);
  if (segments) {
    segmentsBySlices.set(slices, segments);
    return segments;
  }
  const starts = new Float64Array(new Set(slices.flatMap((slice) => slice.ranges.flatMap(([a, b]) => [a, b + 1])))).sort();
  const owners = new Int32Array(starts.length).fill(-1);
  slices.forEach((slice, index) => {
    for (const [a, b] of slice.ranges) for (let i = lastStartAtOrBefore(starts, a); starts[i]! <= b; i++) owners[i] = index;
  });
  segments = { starts, owners };
  segmentsByLayout.set(layout, segments);
  segmentsBySlices.set(slices, segments);
  return segments;
}

function lastStartAtOrBefore(starts: Float64Array, code: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= code) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The slices of `face` that hold at least one of `characters`, each with the characters it provides. */
export function slicesFor(face: Face, characters: Iterable<string>): FontSlice[] {
  const byFile = new Map<ParsedSlice, string[]>();
  for (const character of characters) {
    const slice = sliceOf(face, character);
    if (!slice) continue;
    const list = byFile.get(slice) ?? [];
    list.push(character);
    byFile.set(slice, list);
  }
  return [...byFile].map(([slice, chars]) => ({ face, file: slice.file, unicodeRange: slice.unicodeRange, characters: chars.sort() }));
}

/** True when some slice of `face` covers the character (so it never falls back to a system font). */
export function faceCovers(face: Face, character: string): boolean {
  return sliceOf(face, character) !== undefined;
}

/** The slice of `face` the browser uses for `character`, if any. */
function sliceOf(face: Face, character: string): ParsedSlice | undefined {
  const slices = slicesOf(face);
  const { starts, owners } = segmentsOf(slices);
  return slices[owners[lastStartAtOrBefore(starts, character.codePointAt(0)!)] ?? -1];
}
