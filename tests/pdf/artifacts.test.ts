/**
 * The artifact marking of Chromium's content streams (pipeline/render/pdf/artifacts.ts), on streams
 * written the way Skia writes them. The whole book's pages are checked in pdf-edition.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { markUnmarkedAsArtifacts } from '../../pipeline/render/pdf/artifacts.ts';

const stream = (...lines: string[]) => lines.join('\n');

describe('markUnmarkedAsArtifacts', () => {
  it('wraps text shown outside marked content, and leaves tagged text as it is', () => {
    const content = stream('BT', '/F1 12 Tf', '1 0 0 -1 10 20 Tm', '<001C> Tj', 'ET', '/P <</MCID 0 >>BDC', 'BT', '<0022> Tj', 'ET', 'EMC');
    expect(markUnmarkedAsArtifacts(content)).toBe(
      stream('BT', '/F1 12 Tf', '1 0 0 -1 10 20 Tm', '/Artifact BMC', '<001C> Tj', 'EMC', 'ET', '/P <</MCID 0 >>BDC', 'BT', '<0022> Tj', 'ET', 'EMC'),
    );
  });

  it('wraps a painted path with its construction, not a clip', () => {
    const content = stream('q', '0 0 100 100 re', 'W* n', '0 0 100 100 re', 'f', '10 10 m', '20 10 l', 'S', '0 0 5 5 re f', 'Q');
    expect(markUnmarkedAsArtifacts(content)).toBe(
      stream('q', '0 0 100 100 re', 'W* n', '/Artifact BMC', '0 0 100 100 re', 'f', 'EMC', '/Artifact BMC', '10 10 m', '20 10 l', 'S', 'EMC', '/Artifact BMC', '0 0 5 5 re f', 'EMC', 'Q'),
    );
  });

  it('counts nested marked content, so text inside an outer sequence is left alone', () => {
    const content = stream('/Span <</MCID 1 >>BDC', '/Artifact BMC', 'EMC', '<0001> Tj', 'EMC', '/Im0 Do');
    expect(markUnmarkedAsArtifacts(content)).toBe(stream('/Span <</MCID 1 >>BDC', '/Artifact BMC', 'EMC', '<0001> Tj', 'EMC', '/Artifact BMC', '/Im0 Do', 'EMC'));
  });

  it('changes nothing in a stream whose painting is all marked', () => {
    const content = stream('q', '/P <</MCID 0 >>BDC', 'BT', '12 0 Td <0022> Tj', 'ET', 'EMC', 'Q');
    expect(markUnmarkedAsArtifacts(content)).toBe(content);
  });
});
