/**
 * Merges TrueType subsets cut from the slices of one typeface into one font with a new name.
 *
 * The npm faces come as ~100 unicode-range slices; a book touches ~36 of them per face. Shipping 36
 * files per face relies on `unicode-range`, which several reading systems ignore (they then use one
 * file for the whole family and fall back for the rest), so the EPUB carries one font per face.
 * No maintained JavaScript library merges TrueType fonts (fontkit and opentype.js subset or rewrite one
 * font, not several), and the job is small because every part comes from the same design: the glyphs
 * are concatenated, and the tables that count or index them are rebuilt. Layout tables (GSUB, GPOS)
 * are not carried over: they index glyphs per part and cannot be concatenated (a part keeps GSUB only
 * so that its localized forms can be baked into the cmap, see `localizedForms`).
 *
 * Tables written: head, hhea, maxp, OS/2, hmtx, cmap (formats 4 and 12), loca, glyf, post (v3), name
 * (the new family name plus the source's copyright and licence records, as the OFL requires), and the
 * source's hinting tables (cvt, fpgm, prep, gasp), which are shared by every slice of a face.
 */
import { singleSubstitutions } from './gsub.ts';

interface TableRecord {
  tag: string;
  data: Buffer;
}

interface ParsedFont {
  tables: Map<string, Buffer>;
  numGlyphs: number;
  /** Byte range of each glyph in glyf. */
  glyphs: Buffer[];
  /** [advanceWidth, leftSideBearing] per glyph. */
  metrics: Array<[number, number]>;
  /** code point -> glyph id */
  cmap: Map<number, number>;
}

export interface MergeNames {
  /** Family name, e.g. `FolioSerifSC`. */
  family: string;
  /** `Regular` or `Bold`. */
  style: 'Regular' | 'Bold';
  /**
   * OpenType language system (e.g. `ZHS `) whose `locl` forms the merged font maps directly: a part that
   * keeps its GSUB has those substitutions read and its cmap pointed at the localized glyphs (the merged
   * font has no GSUB to apply them).
   */
  localizedForms?: string;
}

const KEPT_HINTING_TABLES = ['cvt ', 'fpgm', 'prep', 'gasp'];

function parseFont(font: Buffer): ParsedFont {
  const signature = font.readUInt32BE(0);
  if (signature !== 0x00010000) throw new Error('expected a TrueType-outline font (glyf) to merge');
  const tables = new Map<string, Buffer>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    const tag = font.toString('latin1', record, record + 4);
    const offset = font.readUInt32BE(record + 8);
    const length = font.readUInt32BE(record + 12);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  const table = (tag: string) => {
    const data = tables.get(tag);
    if (!data) throw new Error(`font has no ${tag} table`);
    return data;
  };
  const numGlyphs = table('maxp').readUInt16BE(4);
  const longLoca = table('head').readInt16BE(50) === 1;
  const loca = table('loca');
  const glyf = table('glyf');
  const offsetOf = (i: number) => (longLoca ? loca.readUInt32BE(4 * i) : loca.readUInt16BE(2 * i) * 2);
  const glyphs: Buffer[] = [];
  for (let i = 0; i < numGlyphs; i++) glyphs.push(glyf.subarray(offsetOf(i), offsetOf(i + 1)));
  const hmtx = table('hmtx');
  const numberOfHMetrics = table('hhea').readUInt16BE(34);
  const metrics: Array<[number, number]> = [];
  for (let i = 0; i < numGlyphs; i++) {
    if (i < numberOfHMetrics) metrics.push([hmtx.readUInt16BE(4 * i), hmtx.readInt16BE(4 * i + 2)]);
    else metrics.push([metrics[numberOfHMetrics - 1]![0], hmtx.readInt16BE(4 * numberOfHMetrics + 2 * (i - numberOfHMetrics))]);
  }
  return { tables, numGlyphs, glyphs, metrics, cmap: readCmap(table('cmap')) };
}

/** Reads the best Unicode subtable (format 12, else format 4). */
function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>();
  const count = cmap.readUInt16BE(2);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + 8 * i);
    const encoding = cmap.readUInt16BE(6 + 8 * i);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) offsets.push(cmap.readUInt32BE(8 + 8 * i));
  }
  const byFormat = (format: number) => offsets.find((offset) => cmap.readUInt16BE(offset) === format);
  const format12 = byFormat(12);
  const format4 = byFormat(4);
  if (format12 !== undefined) {
    const groups = cmap.readUInt32BE(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + 12 * g;
      const start = cmap.readUInt32BE(at);
      const end = cmap.readUInt32BE(at + 4);
      const glyph = cmap.readUInt32BE(at + 8);
      for (let code = start; code <= end; code++) map.set(code, glyph + code - start);
    }
  } else if (format4 !== undefined) {
    const segCount = cmap.readUInt16BE(format4 + 6) / 2;
    const ends = format4 + 14;
    const starts = ends + 2 * segCount + 2;
    const deltas = starts + 2 * segCount;
    const rangeOffsets = deltas + 2 * segCount;
    for (let s = 0; s < segCount; s++) {
      const end = cmap.readUInt16BE(ends + 2 * s);
      const start = cmap.readUInt16BE(starts + 2 * s);
      const delta = cmap.readInt16BE(deltas + 2 * s);
      const rangeOffset = cmap.readUInt16BE(rangeOffsets + 2 * s);
      for (let code = start; code <= end && code !== 0xffff; code++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
        else {
          const at = rangeOffsets + 2 * s + rangeOffset + 2 * (code - start);
          const raw = cmap.readUInt16BE(at);
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) map.set(code, glyph);
      }
    }
  }
  return map;
}

function bakeLocalizedForms(font: ParsedFont, language: string): void {
  const gsub = font.tables.get('GSUB');
  if (!gsub) return;
  const substitutions = singleSubstitutions(gsub, 'locl', language);
  for (const [code, glyph] of font.cmap) {
    const localized = substitutions.get(glyph);
    if (localized !== undefined && localized < font.numGlyphs) font.cmap.set(code, localized);
  }
}

/** Rewrites the component glyph ids of a composite glyph. */
function remapComposite(glyph: Buffer, remap: (gid: number) => number): Buffer {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return glyph;
  const copy = Buffer.from(glyph);
  let at = 10;
  for (;;) {
    const flags = copy.readUInt16BE(at);
    copy.writeUInt16BE(remap(copy.readUInt16BE(at + 2)), at + 2);
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) break;
  }
  return copy;
}

/** Merges `parts` (TrueType subsets of one face, no layout tables) into one font named `names`. */
export function mergeTrueType(parts: Buffer[], names: MergeNames): Buffer {
  if (parts.length === 0) throw new Error('no font parts to merge');
  const fonts = parts.map(parseFont);
  const first = fonts[0]!;
  const glyphs: Buffer[] = [first.glyphs[0]!];
  const metrics: Array<[number, number]> = [first.metrics[0]!];
  const cmap = new Map<number, number>();
  for (const font of fonts) {
    if (names.localizedForms) bakeLocalizedForms(font, names.localizedForms);
    const base = glyphs.length - 1; // glyph 0 (.notdef) is shared
    const remap = (gid: number) => (gid === 0 ? 0 : base + gid);
    for (let gid = 1; gid < font.numGlyphs; gid++) {
      glyphs.push(remapComposite(font.glyphs[gid]!, remap));
      metrics.push(font.metrics[gid]!);
    }
    for (const [code, gid] of font.cmap) if (!cmap.has(code)) cmap.set(code, remap(gid));
  }
  const tables: TableRecord[] = [];
  const { glyf, loca } = buildGlyf(glyphs);
  tables.push({ tag: 'glyf', data: glyf }, { tag: 'loca', data: loca });
  tables.push({ tag: 'hmtx', data: buildHmtx(metrics) });
  tables.push({ tag: 'cmap', data: buildCmap(cmap) });
  tables.push({ tag: 'maxp', data: buildMaxp(fonts, glyphs.length) });
  tables.push({ tag: 'hhea', data: buildHhea(fonts, metrics.length, Math.max(...metrics.map(([advance]) => advance))) });
  tables.push({ tag: 'OS/2', data: buildOs2(first, cmap) });
  tables.push({ tag: 'post', data: buildPost(first) });
  tables.push({ tag: 'name', data: buildName(first, names) });
  tables.push({ tag: 'head', data: buildHead(fonts) });
  for (const tag of KEPT_HINTING_TABLES) {
    const data = first.tables.get(tag);
    if (data) tables.push({ tag, data });
  }
  return writeFont(tables);
}

function buildGlyf(glyphs: Buffer[]): { glyf: Buffer; loca: Buffer } {
  const padded = glyphs.map((g) => (g.length % 4 === 0 ? g : Buffer.concat([g, Buffer.alloc(4 - (g.length % 4))])));
  const loca = Buffer.alloc(4 * (glyphs.length + 1));
  let offset = 0;
  padded.forEach((g, i) => {
    loca.writeUInt32BE(offset, 4 * i);
    offset += g.length;
  });
  loca.writeUInt32BE(offset, 4 * glyphs.length);
  return { glyf: Buffer.concat(padded), loca };
}

function buildHmtx(metrics: Array<[number, number]>): Buffer {
  const hmtx = Buffer.alloc(4 * metrics.length);
  metrics.forEach(([advance, lsb], i) => {
    hmtx.writeUInt16BE(advance, 4 * i);
    hmtx.writeInt16BE(lsb, 4 * i + 2);
  });
  return hmtx;
}

/** Format 4 (BMP, read by every reader) and format 12 (all planes), both for Windows Unicode. */
function buildCmap(map: Map<number, number>): Buffer {
  const codes = [...map.keys()].sort((a, b) => a - b);
  const runs: Array<{ start: number; end: number; glyph: number }> = [];
  for (const code of codes) {
    const glyph = map.get(code)!;
    const last = runs.at(-1);
    if (last && code === last.end + 1 && glyph === last.glyph + (code - last.start)) last.end = code;
    else runs.push({ start: code, end: code, glyph });
  }
  const bmpRuns = runs.filter((r) => r.end < 0xffff);
  const segments = [...bmpRuns.map((r) => ({ start: r.start, end: r.end, delta: (r.glyph - r.start) & 0xffff })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const segCount = segments.length;
  const format4 = Buffer.alloc(16 + 8 * segCount);
  format4.writeUInt16BE(4, 0);
  format4.writeUInt16BE(format4.length, 2);
  const searchRange = 2 * 2 ** Math.floor(Math.log2(segCount));
  format4.writeUInt16BE(segCount * 2, 6);
  format4.writeUInt16BE(searchRange, 8);
  format4.writeUInt16BE(Math.log2(searchRange / 2), 10);
  format4.writeUInt16BE(segCount * 2 - searchRange, 12);
  segments.forEach((s, i) => {
    format4.writeUInt16BE(s.end, 14 + 2 * i);
    format4.writeUInt16BE(s.start, 16 + 2 * segCount + 2 * i);
    format4.writeUInt16BE(s.delta, 16 + 4 * segCount + 2 * i);
    // idRangeOffset stays 0
  });
  const format12 = Buffer.alloc(16 + 12 * runs.length);
  format12.writeUInt16BE(12, 0);
  format12.writeUInt32BE(format12.length, 4);
  format12.writeUInt32BE(runs.length, 12);
  runs.forEach((r, i) => {
    format12.writeUInt32BE(r.start, 16 + 12 * i);
    format12.writeUInt32BE(r.end, 20 + 12 * i);
    format12.writeUInt32BE(r.glyph, 24 + 12 * i);
  });
  const header = Buffer.alloc(4 + 8 * 2);
  header.writeUInt16BE(2, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(header.length, 8);
  header.writeUInt16BE(3, 12);
  header.writeUInt16BE(10, 14);
  header.writeUInt32BE(header.length + format4.length, 16);
  return Buffer.concat([header, format4, format12]);
}

function buildMaxp(fonts: ParsedFont[], numGlyphs: number): Buffer {
  const maxp = Buffer.from(fonts[0]!.tables.get('maxp')!);
  maxp.writeUInt16BE(numGlyphs, 4);
  if (maxp.length >= 32) {
    // maxPoints … maxComponentDepth: the merged font's limits are the largest of its parts.
    for (let at = 6; at < 32; at += 2) {
      maxp.writeUInt16BE(Math.max(...fonts.map((f) => f.tables.get('maxp')!.readUInt16BE(at))), at);
    }
  }
  return maxp;
}

function buildHhea(fonts: ParsedFont[], numberOfHMetrics: number, advanceWidthMax: number): Buffer {
  const hhea = Buffer.from(fonts[0]!.tables.get('hhea')!);
  const all = fonts.map((f) => f.tables.get('hhea')!);
  hhea.writeUInt16BE(advanceWidthMax, 10);
  hhea.writeInt16BE(Math.min(...all.map((t) => t.readInt16BE(12))), 12);
  hhea.writeInt16BE(Math.min(...all.map((t) => t.readInt16BE(14))), 14);
  hhea.writeInt16BE(Math.max(...all.map((t) => t.readInt16BE(16))), 16);
  hhea.writeUInt16BE(numberOfHMetrics, 34);
  return hhea;
}

function buildOs2(first: ParsedFont, cmap: Map<number, number>): Buffer {
  const os2 = Buffer.from(first.tables.get('OS/2')!);
  const bmp = [...cmap.keys()].filter((code) => code <= 0xffff);
  os2.writeUInt16BE(Math.min(...bmp), 64);
  os2.writeUInt16BE(Math.max(...bmp), 66);
  return os2;
}

function buildPost(first: ParsedFont): Buffer {
  const post = Buffer.from(first.tables.get('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0); // no glyph names
  return post;
}

/** Name IDs copied from the source: copyright, trademark, manufacturer, designer, vendor/designer URLs, licence. */
const KEPT_NAME_IDS = [0, 7, 8, 9, 11, 12, 13, 14];

function buildName(first: ParsedFont, names: MergeNames): Buffer {
  const source = first.tables.get('name')!;
  const records = new Map<number, string>();
  const count = source.readUInt16BE(2);
  const storage = source.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 6 + 12 * i;
    const [platform, encoding, language, nameId] = [0, 2, 4, 6].map((o) => source.readUInt16BE(at + o));
    if (platform !== 3 || encoding !== 1 || language !== 0x409 || !KEPT_NAME_IDS.includes(nameId!)) continue;
    const length = source.readUInt16BE(at + 8);
    const offset = source.readUInt16BE(at + 10);
    records.set(nameId!, Buffer.from(source.subarray(storage + offset, storage + offset + length)).swap16().toString('utf16le'));
  }
  const postscript = `${names.family}-${names.style}`;
  records.set(1, names.family);
  records.set(2, names.style);
  records.set(3, `${postscript};folio subset`);
  records.set(4, `${names.family} ${names.style}`);
  records.set(5, 'Version 1.000; folio subset');
  records.set(6, postscript);
  const ids = [...records.keys()].sort((a, b) => a - b);
  const strings = ids.map((id) => Buffer.from(records.get(id)!, 'utf16le').swap16());
  const header = Buffer.alloc(6 + 12 * ids.length);
  header.writeUInt16BE(ids.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  ids.forEach((id, i) => {
    const at = 6 + 12 * i;
    header.writeUInt16BE(3, at);
    header.writeUInt16BE(1, at + 2);
    header.writeUInt16BE(0x409, at + 4);
    header.writeUInt16BE(id, at + 6);
    header.writeUInt16BE(strings[i]!.length, at + 8);
    header.writeUInt16BE(offset, at + 10);
    offset += strings[i]!.length;
  });
  return Buffer.concat([header, ...strings]);
}

function buildHead(fonts: ParsedFont[]): Buffer {
  const head = Buffer.from(fonts[0]!.tables.get('head')!);
  const all = fonts.map((f) => f.tables.get('head')!);
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set once the font is written
  head.writeInt16BE(Math.min(...all.map((t) => t.readInt16BE(36))), 36);
  head.writeInt16BE(Math.min(...all.map((t) => t.readInt16BE(38))), 38);
  head.writeInt16BE(Math.max(...all.map((t) => t.readInt16BE(40))), 40);
  head.writeInt16BE(Math.max(...all.map((t) => t.readInt16BE(42))), 42);
  head.writeInt16BE(1, 50); // long loca offsets
  return head;
}

function checksum(data: Buffer): number {
  const padded = data.length % 4 === 0 ? data : Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: TableRecord[]): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const count = tables.length;
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 12 + 16 * i;
    header.write(table.tag, at, 'latin1');
    header.writeUInt32BE(checksum(table.data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padding = (4 - (table.data.length % 4)) % 4;
    bodies.push(table.data, Buffer.alloc(padding));
    offset += table.data.length + padding;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headOffset = header.readUInt32BE(12 + 16 * tables.findIndex((t) => t.tag === 'head') + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}
