/**
 * The printed page: trim size and margins from book.yaml (defaults written here, once), the bleed and
 * crop-mark sizes of `--print-marks`, and the unit conversions the PDF post-processing needs.
 */
import type { BookMeta } from '../../book/types.ts';

/** Margins used when book.yaml has no `margins`: a 16开-style type area of 145 × 216 mm on 185 × 260 mm. */
export const DEFAULT_MARGINS = { top: '22mm', bottom: '22mm', inner: '22mm', outer: '18mm' } as const;

/** `--print-marks`: bleed around the trim, and the slug area outside it that carries the crop marks. */
export const BLEED_MM = 3;
export const MARKS_MM = 10;

const POINTS_PER = { mm: 72 / 25.4, cm: 720 / 25.4, pt: 1, in: 72 } as const;

/** `185mm` -> 524.41 (points), exactly as PDF boxes need it. */
export function toPoints(length: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(mm|cm|pt|in)$/.exec(length.trim());
  if (!match) throw new Error(`folio: "${length}" is not a length such as "185mm"`);
  return Number(match[1]) * POINTS_PER[match[2] as keyof typeof POINTS_PER];
}

export const mmToPoints = (mm: number) => mm * POINTS_PER.mm;

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
