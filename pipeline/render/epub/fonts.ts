/**
 * The EPUB's fonts: one TrueType font per face the stylesheet uses, holding exactly the book's
 * characters, renamed FolioSerifSC / FolioSansSC / FolioKaiSC (a subset must not keep the OFL reserved
 * names "Source"/"Noto").
 *
 * Per face: the slices the book touches (`slicesFor`), each cut by harfbuzz (subset-font) to the
 * characters it provides, then merged into one font (sfnt-merge.ts says why one and not ~36 per face).
 * TrueType output, not woff2: harfbuzz writes it in milliseconds where woff2 takes seconds, and the
 * EPUB's zip compresses it nearly as well. Each cut is cached under node_modules/.cache/folio/fonts,
 * keyed by the slice file and the characters, so a warm build only merges.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import subsetFont from 'subset-font';
import { type Face, FACES, type FaceRole, slicesFor } from '../fonts.ts';
import { mergeTrueType } from './sfnt-merge.ts';
import { CACHE, makeCacheFolder } from '../../paths.ts';

const FONT_CACHE = join(CACHE, 'fonts');

/** The names inside the shipped fonts. */
export const EMBEDDED_FAMILY: Record<FaceRole, string> = {
  serif: 'FolioSerifSC',
  sans: 'FolioSansSC',
  kai: 'FolioKaiSC',
};

/** Tables the merged font cannot carry: they index glyphs per part (see sfnt-merge.ts). */
const DROPPED_TABLES = ['GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'vhea', 'vmtx', 'VORG', 'DSIG', 'hdmx', 'LTSH', 'VDMX', 'kern'];

/**
 * The OpenType language system of the book's forms. A browser applies `locl` for `lang="zh-Hans"`; the
 * merged font has no GSUB, so each cut keeps `locl` only and the merge bakes the ZHS forms into the cmap
 * (in Noto SC the em dash: 1 em and joined, so —— is one line, not two dashes with a gap).
 */
const LANGUAGE_SYSTEM = 'ZHS ';

/**
 * Characters a face leaves to the next family of its CSS stack. LXGW WenKai draws “ ” ‘ ’ proportional
 * (350 units) where Chinese text sets them 1 em wide; without them in the font, 楷 text (FolioKai,
 * FolioSerif) takes them from FolioSerif in every reading system, with or without unicode-range support.
 */
export const LEFT_TO_STACK: Partial<Record<FaceRole, string>> = { kai: '“”‘’' };

export interface EmbeddedFont {
  face: Face;
  /** File name inside the EPUB's fonts folder, e.g. `FolioSerifSC-Regular.ttf`. */
  filename: string;
  data: Buffer;
}

export interface FontStats {
  slices: number;
  cached: number;
}

/** Which faces the EPUB's stylesheet applies; bold serif only when the text has strong/b. */
export function facesUsed(uses: { boldBody: boolean; code: boolean }): Face[] {
  return FACES.filter(
    (face) =>
      (face.role === 'serif' && (face.weight === 400 || uses.boldBody)) ||
      // Headings are 黑 bold; code is 黑 regular (book.css).
      (face.role === 'sans' && (face.weight === 700 || uses.code)) ||
      face.role === 'kai',
  );
}

export async function embeddedFonts(
  faces: Face[],
  characters: Iterable<string>,
  options: { cacheDir?: string; stats?: FontStats } = {},
): Promise<EmbeddedFont[]> {
  const cacheDir = options.cacheDir ?? FONT_CACHE;
  const stats = options.stats ?? { slices: 0, cached: 0 };
  const wanted = [...characters].sort();
  const fonts: EmbeddedFont[] = [];
  for (const face of faces) {
    const excluded = LEFT_TO_STACK[face.role] ?? '';
    const slices = slicesFor(face, wanted.filter((character) => !excluded.includes(character)));
    if (slices.length === 0) continue;
    const parts = await Promise.all(slices.map((slice) => cachedSubset(slice.file, slice.characters.join(''), cacheDir, stats)));
    const style = face.weight === 700 ? 'Bold' : 'Regular';
    const family = EMBEDDED_FAMILY[face.role];
    fonts.push({ face, filename: `${family}-${style}.ttf`, data: mergeTrueType(parts, { family, style, localizedForms: LANGUAGE_SYSTEM }) });
  }
  return fonts;
}

async function cachedSubset(file: string, text: string, cacheDir: string, stats: FontStats): Promise<Buffer> {
  stats.slices++;
  const { size } = await stat(file);
  const key = createHash('sha256').update(`${file}\0${size}\0${text}\0locl`).digest('hex').slice(0, 24);
  const path = join(cacheDir, `${basename(file, '.woff2')}-${key}.ttf`);
  const cached = await readFile(path).catch(() => undefined);
  if (cached) {
    stats.cached++;
    return cached;
  }
  const subset = await subsetFont(await readFile(file), text, {
    targetFormat: 'truetype',
    keepFeatures: ['locl'],
    dropTables: DROPPED_TABLES,
  });
  await makeCacheFolder(cacheDir);
  // Written beside and renamed, so a parallel build never reads half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, subset);
  await rename(temporary, path);
  return subset;
}
