/**
 * The embedded fonts, read back with fontkit (not the code that wrote them): renamed away from the OFL
 * reserved names, covering every character the documents print, and little else.
 */
import { DOMParser } from '@xmldom/xmldom';
import { facesUsed, LEFT_TO_STACK } from '../../pipeline/render/epub/fonts.ts';
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOOKS, build, transformed, type Unpacked, unpack } from './book.ts';

/** .notdef aside, a merged font maps exactly the characters asked for; allow a few for safety. */
const CMAP_MARGIN = 4;

interface FontFace {
  family: string;
  weight: string;
  file: string;
}

function fontFaces(css: string): FontFace[] {
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map(([, block]) => ({
    family: /font-family:\s*"?([^";]+)"?/.exec(block!)![1]!,
    weight: /font-weight:\s*(\d+)/.exec(block!)![1]!,
    file: /url\("?([^")]+)"?\)/.exec(block!)![1]!,
  }));
}

/** The characters the body of an XHTML document prints. */
function printed(xhtml: string): Set<string> {
  const body = new DOMParser().parseFromString(xhtml, 'application/xml').getElementsByTagName('body')[0]!;
  return new Set([...(body.textContent ?? '')].filter((c) => c >= ' '));
}

describe.each(BOOKS)('fonts of the EPUB of $name', ({ name, dir }) => {
  let epub: Unpacked;
  let faces: FontFace[];

  beforeAll(async () => {
    epub = await unpack(await build(await transformed(dir)), `fonts-${name}`);
    faces = fontFaces(epub.text('OEBPS/style.css'));
  });

  it('ships the serif, sans and kai faces, each renamed and without OFL reserved names', () => {
    expect(faces.map((f) => `${f.family} ${f.weight}`)).toEqual(expect.arrayContaining(['FolioSerif 400', 'FolioSans 700', 'FolioKai 400']));
    for (const face of faces) {
      const font = fontkit.create(epub.files.get(`OEBPS/${face.file}`)!);
      const expected = { FolioSerif: 'FolioSerifSC', FolioSans: 'FolioSansSC', FolioKai: 'FolioKaiSC' }[face.family];
      expect(font.familyName).toBe(expected);
      expect(font.subfamilyName).toBe(face.weight === '700' ? 'Bold' : 'Regular');
      const names = [font.familyName, font.fullName, font.postscriptName, ...Object.entries(font.name.records)
        .filter(([key]) => ['fontFamily', 'fontSubfamily', 'uniqueSubfamily', 'fullName', 'postscriptName', 'preferredFamily', 'preferredSubfamily'].includes(key))
        .flatMap(([, values]) => Object.values(values))];
      for (const value of names) expect(value).not.toMatch(/noto|source|wenkai|lxgw/i);
      // The copyright and licence records stay, as the OFL requires.
      expect(Object.values(font.name.records.copyright ?? {}).join('')).not.toBe('');
    }
  });

  it('covers every character of every document in every face, and carries few others', () => {
    const used = new Set<string>();
    for (const [path, data] of epub.files) {
      if (!path.endsWith('.xhtml')) continue;
      for (const c of printed(data.toString('utf8'))) used.add(c);
    }
    for (const face of faces) {
      const font = fontkit.create(epub.files.get(`OEBPS/${face.file}`)!);
      const cmap = new Set(font.characterSet);
      // Kai leaves its proportional quotes to FolioSerif, next in its CSS stack.
      const leftToStack = face.family === 'FolioKai' ? LEFT_TO_STACK.kai! : '';
      const missing = [...used].filter((c) => !cmap.has(c.codePointAt(0)!) && !leftToStack.includes(c));
      expect(missing, `${face.family} ${face.weight} lacks`).toEqual([]);
      for (const c of leftToStack) expect(cmap.has(c.codePointAt(0)!), `${face.family} leaves ${c} to FolioSerif`).toBe(false);
      expect(cmap.size, `${face.family} ${face.weight}`).toBeLessThanOrEqual(used.size + CMAP_MARGIN);
      for (const c of used) {
        if (c === ' ' || leftToStack.includes(c)) continue;
        expect(font.glyphForCodePoint(c.codePointAt(0)!).path.commands.length, `${face.family} draws ${c}`).toBeGreaterThan(0);
      }
    }
  });

  it('gives 楷 text a stack that ends in FolioSerif, which has the quotes Kai leaves out', () => {
    const css = epub.text('OEBPS/style.css');
    for (const [, stack] of css.matchAll(/font-family:\s*(FolioKai[^;]*);/g)) expect(stack).toMatch(/^FolioKai,\s*FolioSerif\b/);
  });

  it('ships the OFL with the fonts', () => {
    const licences = [...epub.files.keys()].filter((path) => path.startsWith('OEBPS/fonts/') && path.endsWith('.txt'));
    expect(licences.length).toBeGreaterThan(0);
    for (const path of licences) expect(epub.text(path)).toMatch(/SIL OPEN FONT LICENSE/i);
  });
});

describe('faces of an EPUB', () => {
  it('embed the 黑 regular face only when the book has code, which is set in it', () => {
    const sans = (faces: ReturnType<typeof facesUsed>) => faces.filter((face) => face.role === 'sans').map((face) => face.weight);
    expect(sans(facesUsed({ boldBody: false, code: false }))).toEqual([700]);
    expect(sans(facesUsed({ boldBody: false, code: true })).sort()).toEqual([400, 700]);
  });
});
