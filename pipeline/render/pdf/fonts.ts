/**
 * The @font-face rules of a print window: exactly the slices its characters need, linked into the build
 * folder (the only folder the print window may read). Declaring a slice loads nothing: the window loads
 * what each document's text uses (templates/print/paginate.js) before Paged.js measures anything.
 */
import { link, mkdir, copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { FACES, slicesFor, type Face } from '../fonts.ts';

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

export async function fontFaceCss(characters: Iterable<string>, buildDir: string, placed: Map<string, Promise<string>>): Promise<string> {
  const text = [...new Set(characters)];
  const rules: string[] = [];
  for (const face of FACES) {
    for (const slice of slicesFor(face, text)) {
      const url = await place(slice.file, face, buildDir, placed);
      rules.push(
        `@font-face { font-family: ${face.family}; font-weight: ${face.weight}; font-style: normal; font-display: block; src: url("${url}") format("woff2"); unicode-range: ${slice.unicodeRange}; }`,
      );
    }
  }
  return rules.join('\n');
}
