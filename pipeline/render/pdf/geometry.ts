/**
 * The printed page: trim size and margins from book.yaml (or the default margins, config/page.ts), and
 * the bleed and crop-mark sizes of `--print-marks`.
 */
import type { BookMeta } from '../../book/types.ts';
import { DEFAULT_MARGINS, toPoints } from '../../config/page.ts';

/** `--print-marks`: bleed around the trim, and the slug area outside it that carries the crop marks. */
export const BLEED_MM = 3;
export const MARKS_MM = 10;

export interface PageGeometry {
  /** CSS lengths, as written in book.yaml. */
  width: string;
  height: string;
  margins: { top: string; bottom: string; inner: string; outer: string };
  /** The trim in points (MediaBox/TrimBox). */
  widthPt: number;
  heightPt: number;
}

export function pageGeometry(meta: BookMeta): PageGeometry {
  const margins = meta.margins ?? DEFAULT_MARGINS;
  return {
    width: meta.trim.width,
    height: meta.trim.height,
    margins: { ...margins },
    widthPt: toPoints(meta.trim.width),
    heightPt: toPoints(meta.trim.height),
  };
}

/** The @page rules that depend on the book: size, and margins mirrored for left and right pages. */
export function pageCss(geometry: PageGeometry): string {
  const { top, bottom, inner, outer } = geometry.margins;
  return [
    `@page { size: ${geometry.width} ${geometry.height}; margin: ${top} ${outer} ${bottom} ${inner}; }`,
    `@page :left { margin-left: ${outer}; margin-right: ${inner}; }`,
    `@page :right { margin-left: ${inner}; margin-right: ${outer}; }`,
  ].join('\n');
}
