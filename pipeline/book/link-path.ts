/**
 * What a link in a chapter names inside the book: `02-community.md#一研经社区的基本情况` is the report at
 * that path (relative to the linking chapter's file) and a heading slug in it. Shared by check's
 * link-target rule and by the transform that points the link at its place in every edition.
 */
import { dirname, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Chapter } from './types.ts';

/**
 * The slugs of one chapter's headings, in order (github-slugger, the slugger of rehype-slug and of the
 * Markdown editors, which keeps CJK characters and numbers repeats): the heading ids (transform) and the
 * slugs a link may name (check) are both made by it, so they agree.
 */
export function headingSlugger(): (text: string) => string {
  const slugger = new GithubSlugger();
  return (text) => slugger.slug(text.trim()) || 'section';
}

/** An address with a scheme (`https:`, `mailto:`) or a network path (`//host/…`): no file of the manuscript. */
export const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** A link's path and fragment, percent-decoded (Markdown and hast keep them encoded). */
export function splitLink(url: string): { path: string; fragment: string | undefined } {
  const hash = url.indexOf('#');
  const [path, fragment] = hash < 0 ? [url, undefined] : [url.slice(0, hash), url.slice(hash + 1)];
  return { path: percentDecoded(path), fragment: fragment === undefined ? undefined : percentDecoded(fragment) };
}

/** `text` percent-decoded, or as it is where it is no valid encoding. */
export function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The book's chapter whose file `path` names, relative to the linking file `from`, if any. */
export function chapterAt(chapters: readonly Chapter[], root: string, from: string, path: string): Chapter | undefined {
  const target = resolve(dirname(from), path);
  return chapters.find((chapter) => chapter.path !== undefined && resolve(root, chapter.path) === target);
}
