/**
 * The print edition: `<outDir>/<book-slug>.pdf`, 185 × 260 mm (book.yaml `trim`), Chinese typesetting
 * by Paged.js 0.4.3 in Chromium. See session.ts for the stages; `PrintSession` is exported for the
 * bench's one-chapter edit, which keeps a warm browser and re-paginates only the part that changed.
 */
import { join } from 'node:path';
import type { Edition } from '../../book/types.ts';
import { bookSlug } from '../slug.ts';
import { writeAtomic } from '../write.ts';
import { PrintSession } from './session.ts';

export { PrintSession } from './session.ts';
export type { RenderResult } from './session.ts';

export const edition: Edition = {
  name: 'pdf',
  async render(book, context) {
    const session = await PrintSession.start(await context.browser());
    try {
      const result = await session.render(book, context);
      for (const note of result.movedNotes) context.progress(`pdf: warning: note ${note} begins on the page after its reference`);
      for (const chapter of result.longHeads) {
        context.progress(`pdf: warning: the running head of ${chapter} is wider than the type area and is cut short with …: give it a short_title in book.yaml`);
      }
      const path = join(context.outDir, `${bookSlug(book.book.meta)}.pdf`);
      await writeAtomic(path, result.pdf, context.signal);
      return [path];
    } finally {
      await session.close();
    }
  },
};
