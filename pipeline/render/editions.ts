/**
 * The table of editions: every output format folio writes, registered once. Each renderer lives in its
 * own folder and is loaded only when that edition is built.
 */
import type { Edition, EditionName } from '../book/types.ts';

export const EDITION_MODULES: Record<EditionName, () => Promise<{ edition: Edition }>> = {
  html: () => import('./html/index.ts'),
  epub: () => import('./epub/index.ts'),
  pdf: () => import('./pdf/index.ts'),
};
