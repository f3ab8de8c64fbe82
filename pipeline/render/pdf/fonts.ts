/**
 * The fonts of a print document: @font-face rules for exactly the slices its characters need, linked
 * into the build folder (the only folder the print window may read), and the `document.fonts.load`
 * calls that fetch them before Paged.js measures anything. Rules go in a style Paged.js ignores: left
 * to Paged.js, every document would load all ~300 slices of every face.
 */
import { link, mkdir, copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FACES, slicesFor, type Face } from '../fonts.ts';

export interface DocumentFonts {
  css: string;
  loads: Array<{ font: string; text: string }>;
}

/** Links (or copies, across file systems) each slice once into `<buildDir>/fonts/`; documents share the map. */
function place(file: string, face: Face, buildDir: string, placed: Map<string, Promise<string>>): Promise<string> {
  let url = placed.get(file);
  if (!url) {
    const name = `${face.family}-${face.weight}-${basename(file)}`;
    const target = join(buildDir, 'fonts', name);
    url = mkdir(join(buildDir, 'fonts'), { recursive: true })
      .then(() => link(file, target).catch(() => copyFile(file, target)))
      .then(() => `fonts/${name}`);
    placed.set(file, url);
  }
  return url;
}

export async function documentFonts(characters: Iterable<string>, buildDir: string, placed: Map<string, Promise<string>>): Promise<DocumentFonts> {
  const text = [...new Set(characters)];
  const rules: string[] = [];
  const loads: DocumentFonts['loads'] = [];
  for (const face of FACES) {
    const slices = slicesFor(face, text);
    for (const slice of slices) {
      const url = await place(slice.file, face, buildDir, placed);
      rules.push(
        `@font-face { font-family: ${face.family}; font-weight: ${face.weight}; font-style: normal; font-display: block; src: url("${url}") format("woff2"); unicode-range: ${slice.unicodeRange}; }`,
      );
    }
    if (slices.length) loads.push({ font: `${face.weight} 16px ${face.family}`, text: slices.flatMap((s) => s.characters).join('') });
  }
  return { css: rules.join('\n'), loads };
}
