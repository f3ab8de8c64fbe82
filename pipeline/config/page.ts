/**
 * The printed page as book.yaml describes it: its lengths (`185mm`) in points, the margins used when it
 * gives none, and the type area the margins leave. The schema refuses a type area too small to set text
 * in (schema.ts); the print edition lays its pages out from the same figures (render/pdf/geometry.ts).
 */

/** Margins used when book.yaml has no `margins`: a 16开-style type area of 145 × 216 mm on 185 × 260 mm. */
export const DEFAULT_MARGINS = { top: '22mm', bottom: '22mm', inner: '22mm', outer: '18mm' } as const;

const POINTS_PER = { mm: 72 / 25.4, cm: 720 / 25.4, pt: 1, in: 72 } as const;

/** `185mm` -> 524.41 (points), exactly as PDF boxes need it. */
export function toPoints(length: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(mm|cm|pt|in)$/.exec(length.trim());
  if (!match) throw new Error(`folio: "${length}" is not a length such as "185mm"`);
  return Number(match[1]) * POINTS_PER[match[2] as keyof typeof POINTS_PER];
}

export const mmToPoints = (mm: number) => mm * POINTS_PER.mm;
const pointsToMm = (points: number) => points / POINTS_PER.mm;
export const toMillimetres = (length: string) => pointsToMm(toPoints(length));

/**
 * The smallest type area the print edition sets text in: ten characters of its 10.5 pt text across,
 * ten of its 1.8-spaced lines down. Below that a page holds next to nothing, and with no room at all
 * Paged.js drops the text it cannot place.
 */
export const MIN_TYPE_AREA_PT = { width: 10 * 10.5, height: 10 * 10.5 * 1.8 } as const;

type Margins = { top: string; bottom: string; inner: string; outer: string };

/** The type area in points: the trim less the margins. */
export function typeArea(trim: { width: string; height: string }, margins: Margins = DEFAULT_MARGINS): { width: number; height: number } {
  return {
    width: toPoints(trim.width) - toPoints(margins.inner) - toPoints(margins.outer),
    height: toPoints(trim.height) - toPoints(margins.top) - toPoints(margins.bottom),
  };
}

/**
 * Why the margins leave too small a type area on the trim, or undefined when they leave enough.
 * Lengths that are not lengths are the schema's own complaint: none here.
 */
export function typeAreaProblem(trim: { width: string; height: string }, margins: Margins = DEFAULT_MARGINS): string | undefined {
  let area: { width: number; height: number };
  try {
    area = typeArea(trim, margins);
  } catch {
    return undefined;
  }
  const { width, height } = area;
  if (width >= MIN_TYPE_AREA_PT.width && height >= MIN_TYPE_AREA_PT.height) return undefined;
  const mm = (points: number) => String(Math.round(pointsToMm(points)));
  return (
    `on a ${trim.width} × ${trim.height} page the margins leave a type area of ${mm(width)} × ${mm(height)} mm; ` +
    `the text needs at least ${mm(MIN_TYPE_AREA_PT.width)} × ${mm(MIN_TYPE_AREA_PT.height)} mm (ten characters across, ten lines down)`
  );
}
