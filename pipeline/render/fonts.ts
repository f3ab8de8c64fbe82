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
  /** The unicode-range's bounds, flat: first and last code point of each range in turn. */
  bounds: number[];
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
    slices.push({ file: join(dirname(face.stylesheet), url), unicodeRange, bounds: unicodeRangeBounds(unicodeRange) });
  }
  parsed.set(face.stylesheet, slices);
  return slices;
}

/**
 * A CSS unicode-range (`U+4e00-4e3f, U+5000`) as [first, last] code points. Scanned by hand: the five
 * stylesheets list ~500 KB of ranges, and splitting and matching them with regular expressions took
 * ~30 ms of every build.
 */
export function parseUnicodeRange(range: string): Array<[number, number]> {
  const bounds = unicodeRangeBounds(range);
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < bounds.length; i += 2) ranges.push([bounds[i]!, bounds[i + 1]!]);
  return ranges;
}

/** The same as flat bounds (`[first, last, first, last, …]`), which the table below reads fast even before the JIT warms up. */
function unicodeRangeBounds(range: string): number[] {
  const bounds: number[] = [];
  let i = 0;
  const hex = (): number => {
    let value = 0;
    for (let code = range.charCodeAt(i); ; code = range.charCodeAt(++i)) {
      const digit = code >= 0x30 && code <= 0x39 ? code - 0x30 : code >= 0x61 && code <= 0x66 ? code - 0x57 : code >= 0x41 && code <= 0x46 ? code - 0x37 : -1;
      if (digit < 0) return value;
      value = value * 16 + digit;
    }
  };
  while (i < range.length) {
    const code = range.charCodeAt(i);
    if (code !== 0x2b /* + */) {
      i++;
      continue;
    }
    i++;
    const start = hex();
    let end = start;
    if (range.charCodeAt(i) === 0x2d /* - */) {
      i++;
      end = hex();
    }
    bounds.push(start, end);
  }
  return bounds;
}

/** By the slices' unicode-ranges: the four Noto faces are cut alike, so they share one table. */
const ownersByLayout = new Map<string, Int16Array>();
/** The same tables by each face's (cached) slice list, so a lookup per character costs no key. */
const ownersBySlices = new WeakMap<ParsedSlice[], Int16Array>();

/**
 * For each code point up to the last one the slices cover, the index of the slice that provides it
 * (-1: none): one lookup per character. Slices may overlap (a character in two ranges): the browser
 * uses the last declared, so the later slice's fill wins. The tables (to U+F012B: ~2 MB each) fill in a few ms;
 * sorted segments, searched per character, took ~35 ms to build from the ~500 KB of ranges.
 */
function ownersOf(slices: ParsedSlice[]): Int16Array {
  const known = ownersBySlices.get(slices);
  if (known) return known;
  const layout = slices.map((slice) => slice.unicodeRange).join('|');
  let owners = ownersByLayout.get(layout);
  if (!owners) {
    let highest = -1;
    for (const { bounds } of slices) for (let i = 1; i < bounds.length; i += 2) if (bounds[i]! > highest) highest = bounds[i]!;
    owners = new Int16Array(highest + 1).fill(-1);
    for (let index = 0; index < slices.length; index++) {
      // Most ranges are a code point or a few: set those directly (a call to fill costs more).
      const { bounds } = slices[index]!;
      for (let i = 0; i < bounds.length; i += 2) {
        const first = bounds[i]!;
        const last = bounds[i + 1]!;
        if (last - first < 16) for (let code = first; code <= last; code++) owners[code] = index;
        else owners.fill(index, first, last + 1);
      }
    }
    ownersByLayout.set(layout, owners);
  }
  ownersBySlices.set(slices, owners);
  return owners;
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
  const owners = ownersOf(slices);
  const code = character.codePointAt(0)!;
  return code < owners.length ? slices[owners[code]!] : undefined;
}
