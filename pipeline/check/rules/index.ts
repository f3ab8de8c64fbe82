/**
 * Every rule of `folio check`, in the order they run and are documented (docs/rules.md).
 * The contents rule comes first: its fix removes a whole block, which the later rules then need not touch.
 */
import type { Rule } from '../types.ts';
import { bookMetadata } from './book-metadata.ts';
import { chapterMetadata } from './chapter-metadata.ts';
import { footnoteCircledNumber } from './footnote-circled-number.ts';
import { footnoteMarkerPosition } from './footnote-marker-position.ts';
import { footnoteReferences } from './footnote-references.ts';
import { fullwidthAlphanumeric } from './fullwidth-alphanumeric.ts';
import { headingLevel } from './heading-level.ts';
import { headingNumbering } from './heading-numbering.ts';
import { headingPunctuation } from './heading-punctuation.ts';
import { imageAlt } from './image-alt.ts';
import { linkTarget } from './link-target.ts';
import { noTypedToc } from './no-typed-toc.ts';
import { pageBreakSplit } from './page-break-split.ts';
import { punctuationDash } from './punctuation-dash.ts';
import { punctuationEllipsis } from './punctuation-ellipsis.ts';
import { punctuationHalfWidth } from './punctuation-half-width.ts';
import { punctuationPairs } from './punctuation-pairs.ts';
import { punctuationQuotes } from './punctuation-quotes.ts';
import { punctuationTitleSeparator } from './punctuation-title-separator.ts';
import { resourceFormat } from './resource-format.ts';
import { resourceMissing } from './resource-missing.ts';
import { resourceOutside } from './resource-outside.ts';
import { resourceRemote } from './resource-remote.ts';
import { resourceUnsafeHtml } from './resource-unsafe-html.ts';
import { runInNumbering } from './run-in-numbering.ts';
import { spacingCjkLatin } from './spacing-cjk-latin.ts';
import { spacingIndent } from './spacing-indent.ts';
import { spacingPunctuation } from './spacing-punctuation.ts';
import { wordDebris } from './word-debris.ts';

export const RULES: readonly Rule[] = [
  noTypedToc,
  wordDebris,
  pageBreakSplit,
  footnoteReferences,
  footnoteCircledNumber,
  footnoteMarkerPosition,
  headingNumbering,
  headingLevel,
  headingPunctuation,
  runInNumbering,
  punctuationHalfWidth,
  punctuationQuotes,
  punctuationDash,
  punctuationEllipsis,
  punctuationTitleSeparator,
  fullwidthAlphanumeric,
  punctuationPairs,
  spacingCjkLatin,
  spacingIndent,
  spacingPunctuation,
  chapterMetadata,
  resourceMissing,
  resourceFormat,
  imageAlt,
  resourceOutside,
  resourceRemote,
  resourceUnsafeHtml,
  linkTarget,
  bookMetadata,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));
