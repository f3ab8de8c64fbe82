/*
 * Runs inside a print window, after Paged.js (dist/paged.js). The window loads a shell page once (the
 * book's @font-face rules and these scripts); the Node side then calls `folioPaginate(options)` for
 * each document it paginates there, which clears the previous one first: fonts decoded for one part
 * stay warm for the next. For the front matter, `folioFillContents` once the text is paginated.
 * Plain browser JavaScript: functions passed to page.evaluate from TypeScript would carry the
 * transpiler's helpers with them.
 */
(() => {
  const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩'; // Noto SC has no ⑪ and beyond

  function circled(index) {
    return index < CIRCLED.length ? CIRCLED[index] : `(${index + 1})`;
  }

  /** A CSS string value for a custom property. */
  function cssString(text) {
    return `"${String(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }

  /** The document being paginated: the handler below reads its options. */
  let current;
  let previousPreview;
  /** The figures of the document as laid out last, in text order (in Paged.js's source, not its pages). */
  let sourceFigures = [];

  window.folioPaginate = async (options) => {
    current = options;
    const started = performance.now();
    const template = document.createElement('template');
    template.innerHTML = options.html;
    const loads = fontLoads(template.content, options.css, options.pageText);
    await Promise.all(loads.map((load) => document.fonts.load(load.font, load.text)));
    await document.fonts.ready;
    const fontsMs = performance.now() - started;
    registerOnce();
    const layoutStarted = performance.now();
    // Laid out again only when a figure left a gap (Paged.js has no page floats): each pass defers the
    // first such figure of each chapter, since moving it changes where every later one falls.
    const deferrals = [];
    let flow = await layOut(options, deferrals);
    for (let pass = 0; pass < MAX_FIGURE_PASSES; pass++) {
      const found = figureDeferrals(deferrals);
      if (found.length === 0) break;
      deferrals.push(...found);
      flow = await layOut(options, deferrals);
    }
    const layoutMs = performance.now() - layoutStarted;
    markForTags();
    const noteCalls = linkCallsToNotes();
    return { pages: flow.total, ...anchorPlaces(), pageReferences: pageReferencePlaces(), blankPages: blankPages(), fontsMs, layoutMs, overflowingNotes: unplacedNotes(), noteCalls };
  };

  /** Paginates `options.html` into the window (clearing what it held), each deferred figure moved first. */
  async function layOut(options, deferrals) {
    if (previousPreview) {
      previousPreview.polisher.destroy();
      previousPreview.chunker.destroy();
    }
    const template = document.createElement('template');
    template.innerHTML = options.html;
    const figures = [...template.content.querySelectorAll('figure')];
    figures.forEach((figure, index) => (figure.dataset.figure = String(index)));
    sourceFigures = figures;
    for (const { figure, after } of deferrals) {
      let anchor = figures[figure];
      for (let k = 0; k < after; k++) anchor = anchor.nextElementSibling ?? anchor;
      anchor.after(figures[figure]);
    }
    const previewer = new Paged.Previewer();
    previewer.chunker.q.tick = nextTask;
    previousPreview = previewer;
    return previewer.preview(template.content, [{ [options.stylesheetName]: options.css }], document.body);
  }

  /** Blocks of running text that a deferred figure may let pass before it (never a heading, figure or table). */
  const FLOWING = /^(P|UL|OL|BLOCKQUOTE)$/;

  /** At most this many layouts more for a part's figures (a chapter with several may need one each). */
  const MAX_FIGURE_PASSES = 3;

  /**
   * The figures to set later in the text, as a compositor floats them: each figure that opens a page
   * because it did not fit at the foot of the page before, where it left a gap of two lines or more.
   * It goes after as many of the blocks of text that follow it as fill that gap (the last of them may
   * run on past the page break), so the text fills the page and the figure heads the next one. A figure
   * right after a heading stays with it, a figure does not pass a heading, figure or table, and one
   * deferred already (`done`) is not deferred again. The first such figure of each chapter only.
   * Returns `{ figure, after }`: the figure's index in the document, and how many blocks it goes after.
   */
  function figureDeferrals(done) {
    const deferrals = [];
    const chapters = new Set();
    const pages = [...document.querySelectorAll('.pagedjs_page')];
    pages.forEach((page, index) => {
      const content = page.querySelector('.pagedjs_page_content');
      const figure = content.querySelector('figure[data-figure]');
      if (!figure || index === 0 || !opensPage(content, figure)) return;
      const number = Number(figure.dataset.figure);
      const chapter = figure.closest('[data-running-head]')?.dataset.ref;
      if (done.some((deferral) => deferral.figure === number) || chapters.has(chapter)) return;
      const source = sourceFigures[number];
      if (!source?.previousElementSibling || !FLOWING.test(source.previousElementSibling.tagName)) return;
      const gap = gapAtFoot(pages[index - 1]);
      const line = parseFloat(getComputedStyle(figure).lineHeight) || 0;
      if (!(line > 0) || gap < 2 * line) return;
      let after = 0;
      let filled = 0;
      // A block goes up while its first lines fit in what is left (its `orphans`: fewer may not start it).
      const fits = (block) => {
        const [piece] = printedPieces(block);
        return piece !== undefined && gap - filled >= (parseInt(getComputedStyle(piece).orphans, 10) || 1) * line;
      };
      for (let next = source.nextElementSibling; next && FLOWING.test(next.tagName) && fits(next); next = next.nextElementSibling) {
        filled += printedHeight(next);
        after++;
      }
      if (after === 0) return;
      deferrals.push({ figure: number, after });
      chapters.add(chapter);
    });
    return deferrals;
  }

  /** The pieces a source block is printed in: one, or more when page breaks split it. */
  function printedPieces(block) {
    return [...document.querySelectorAll(`.pagedjs_page_content [data-ref="${block.dataset.ref}"]`)];
  }

  /** The height of a source block as printed: of all its pieces. */
  function printedHeight(block) {
    return printedPieces(block).reduce((sum, piece) => sum + piece.getBoundingClientRect().height, 0);
  }

  /** True when nothing is printed on the page before `element`. */
  function opensPage(content, element) {
    const before = new Range();
    before.setStart(content, 0);
    before.setEndBefore(element);
    return before.toString().trim() === '' && !before.cloneContents().querySelector('img, figure, table');
  }

  /** The height left blank between a page's last block and its note area (or the type area's foot). */
  function gapAtFoot(page) {
    const content = page.querySelector('.pagedjs_page_content');
    const bottoms = [...content.querySelectorAll(BLOCKS)].map((block) => block.getBoundingClientRect().bottom);
    return bottoms.length === 0 ? 0 : content.getBoundingClientRect().bottom - Math.max(...bottoms);
  }

  /**
   * Marks, for the PDF's tags, what Chromium cannot tell or does not tag: the note numbers (set as text
   * in place of the generated ①), the pieces of text blocks that Paged.js split
   * at a page break (`continued`), and the notes at the page foot (`note`). Chromium carries only an
   * element's language into its tag, so the mark is a private-use subtag of that language
   * (`zh-Hans-x-folio-continued`). The join (pipeline/render/pdf/structure.ts) merges each continued
   * element into the one it continues, makes each note a Note element, and drops the marks. A note's
   * own continuation stays a Note of its own: it is not next to its beginning in reading order.
   */
  function markForTags() {
    const mark = (element, what) => {
      element.lang = `${element.closest('[lang]')?.lang || 'und'}-x-folio-${what}`;
    };
    for (const element of document.querySelectorAll('.pagedjs_page_content [data-split-from]')) mark(element, 'continued');
    for (const element of document.querySelectorAll('.pagedjs_footnote_inner_content [data-note="footnote"]')) mark(element, 'note');
    // The note numbers, generated content until now (Chromium leaves that untagged), become text.
    const numbered = (element, place) => {
      const number = document.createElement('span');
      number.className = 'mark';
      number.textContent = element.dataset.mark;
      element[place](number);
      element.classList.add('marked');
    };
    for (const call of document.querySelectorAll('.pagedjs_area [data-footnote-call][data-mark], .note-again[data-mark]')) numbered(call, 'append');
    for (const note of document.querySelectorAll('.pagedjs_footnote_inner_content [data-note="footnote"][data-mark]:not([data-split-from])')) numbered(note, 'prepend');
  }

  /**
   * Links each note call to its note (the note's first piece), by the manuscript's note id (`ch01-fn1`,
   * unique in the book; Paged.js's ids are random). Chromium prints each as a Link annotation inside a
   * tagged Link element; the join points it at the note's place on the joined page (links.ts).
   * Returns the number printed at each linked call, by note id, for the link's description.
   */
  function linkCallsToNotes() {
    const calls = {};
    for (const note of document.querySelectorAll('.pagedjs_footnote_inner_content [data-note="footnote"]')) note.removeAttribute('id');
    for (const call of document.querySelectorAll('.pagedjs_area [data-footnote-call]')) {
      const note = document.querySelector(`.pagedjs_footnote_inner_content [data-note="footnote"][data-ref="${call.dataset.ref}"]:not([data-split-from])`);
      if (!note?.dataset.noteId) continue;
      note.id = note.dataset.noteId;
      call.setAttribute('href', `#${note.id}`);
      calls[note.id] = call.dataset.mark ?? '';
    }
    return calls;
  }

  /**
   * The fonts the document needs: its characters grouped by the font each run is set in (the computed
   * style of a copy with the print CSS applied, never laid out), and `pageText` (running heads, note
   * markers: generated, so not in the copy) in each of those fonts. Loading every face for every
   * character of the book decoded ~180 slices in each window where the text needs ~100.
   */
  function fontLoads(content, css, pageText) {
    const style = document.createElement('style');
    style.dataset.pagedjsIgnore = '';
    style.textContent = css;
    const copy = document.createElement('div');
    copy.style.display = 'none';
    copy.append(content.cloneNode(true));
    document.head.append(style);
    document.body.append(copy);
    const textByFont = new Map();
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data.replace(/\s+/g, '');
      if (!text) continue;
      const computed = getComputedStyle(node.parentElement);
      const font = `${computed.fontStyle} ${computed.fontWeight} 16px ${computed.fontFamily}`;
      textByFont.set(font, (textByFont.get(font) ?? '') + text);
    }
    copy.remove();
    style.remove();
    return [...textByFont].map(([font, text]) => ({ font, text: [...new Set(text + pageText)].join('') }));
  }

  /**
   * Paged.js lays out a page per animation frame; the print window is a hidden tab, which gets none. Its
   * queue steps on a message instead (a timer would be clamped to 4 ms after a few steps).
   */
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  function nextTask(callback) {
    waiting.push(callback);
    channel.port2.postMessage(0);
  }

  let registered = false;
  function registerOnce() {
    if (registered) return;
    registered = true;
    // Paged.js loads every @font-face of the document before it lays out (all the book's slices of
    // every face, in every window); folioPaginate has loaded the ones this document uses.
    Paged.Chunker.prototype.loadFonts = () => Promise.resolve();
    keepAvoidedBreaksUnforced();
    Paged.registerHandlers(FolioPages);
  }

  class FolioPages extends Paged.Handler {
    /**
     * Keeps a heading with what follows it: when the page would end right after a heading (the text
     * overflowing starts at the beginning of the next block), the break moves before the heading.
     * Paged.js honours `break-after: avoid` only when the next block starts below the page, not when
     * the note area shrank the page after the heading was placed.
     */
    onOverflow(overflow, rendered) {
      if (!overflow) return undefined;
      const blocks = [...rendered.querySelectorAll(BLOCKS)];
      const index = blockIndexAt(blocks, overflow);
      if (index < 0) return undefined;
      if (!startsAtBlockStart(blocks[index], overflow)) return undefined;
      let keep = index;
      while (keep > 0 && HEADING.test(blocks[keep - 1].tagName) && !blocks[keep - 1].contains(blocks[keep])) keep--;
      // Never empty the page: a heading at the page top stays.
      if (keep === index || keep === 0) return undefined;
      const moved = overflow.cloneRange();
      moved.setStartBefore(blocks[keep]);
      return moved;
    }

    afterPageLayout(pageElement) {
      const content = pageElement.querySelector('.pagedjs_page_content');
      const left = pageElement.classList.contains('pagedjs_left_page');
      const chapter = content.querySelector('[data-running-head]');
      const opening = content.querySelector('.chapter-title') !== null;
      const hasText = content.textContent.trim() !== '';
      if (chapter && hasText && !opening) {
        pageElement.style.setProperty('--folio-head', cssString(left ? current.bookTitle : chapter.dataset.runningHead));
      }
      // Notes: the calls on this page get their numbers in text order, restarting on every page.
      const calls = [...content.querySelectorAll('[data-footnote-call]')];
      calls.forEach((call, index) => {
        const number = pageNoteNumber(call, index);
        call.dataset.mark = number;
        call.removeAttribute('href'); // a random id: linkCallsToNotes links the call once the pages are laid out
      });
      for (const again of content.querySelectorAll('.note-again')) {
        const note = document.querySelector(`[data-note="footnote"][data-note-id="${again.dataset.noteId}"]`);
        const call = note && document.querySelector(`[data-footnote-call="${note.dataset.ref}"]`);
        again.dataset.mark = call?.dataset.mark ?? '';
      }
      // A note laid out on this page whose call is on an earlier page takes that call's number.
      for (const note of pageElement.querySelectorAll('.pagedjs_footnote_inner_content [data-note="footnote"]:not([data-split-from])')) {
        const call = document.querySelector(`[data-footnote-call="${note.dataset.ref}"]`);
        note.dataset.mark = call?.dataset.mark ?? '';
      }
    }
  }

  function pageNoteNumber(call, index) {
    if (current.noteNumbering === 'per-chapter-arabic') {
      const note = document.querySelector(`[data-note="footnote"][data-ref="${call.dataset.ref}"]`);
      return note?.dataset.noteNumber ?? '';
    }
    return circled(index);
  }

  const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, figure, table, .abstract, .bios';
  const HEADING = /^H[1-6]$/;

  /**
   * Paged.js 0.4.3 bug: when a note overflows its page, its footnote handler starts an extra page if
   * the next page begins with a break-before/after — and counts `avoid` (every heading has
   * break-after: avoid) as a forced break. The text after a heading was then set twice and a long
   * note repeated. The handler now sees only real forced breaks.
   */
  function keepAvoidedBreaksUnforced() {
    const Footnotes = Paged.registeredHandlers.find((Handler) => Handler.prototype && 'moveFootnote' in Handler.prototype);
    if (!Footnotes || Footnotes.prototype.folioPatched) return;
    const afterPageLayout = Footnotes.prototype.afterPageLayout;
    Footnotes.prototype.afterPageLayout = function (pageElement, page, breakToken, chunker) {
      const dataset = breakToken?.node?.dataset;
      const avoided = ['breakBefore', 'previousBreakAfter'].filter((key) => dataset?.[key] === 'avoid');
      for (const key of avoided) delete dataset[key];
      try {
        return afterPageLayout.call(this, pageElement, page, breakToken, chunker);
      } finally {
        for (const key of avoided) dataset[key] = 'avoid';
      }
    };
    Footnotes.prototype.folioPatched = true;
  }

  /** The last block that starts at or before the overflow's start. */
  function blockIndexAt(blocks, overflow) {
    let found = -1;
    blocks.forEach((block, index) => {
      const start = new Range();
      start.setStartBefore(block);
      if (start.compareBoundaryPoints(Range.START_TO_START, overflow) <= 0) found = index;
    });
    return found;
  }

  /** True when nothing of `block` is left on the page before the overflow. */
  function startsAtBlockStart(block, overflow) {
    const kept = new Range();
    kept.setStartBefore(block);
    kept.setEnd(overflow.startContainer, overflow.startOffset);
    return kept.toString().trim() === '';
  }

  /**
   * The 0-based page of every element with an id the PDF needs (chapter titles, headings, contents), and
   * how far down that page it begins (CSS px from the page's top edge), for links and bookmarks.
   */
  function anchorPlaces() {
    const anchors = {};
    const anchorTops = {};
    const pages = [...document.querySelectorAll('.pagedjs_page')];
    pages.forEach((page, index) => {
      const pageTop = page.getBoundingClientRect().top;
      for (const element of page.querySelectorAll('.pagedjs_page_content [id]')) {
        // A split element is repeated on the next page: its first page counts.
        if (element.dataset.splitFrom || element.id in anchors) continue;
        anchors[element.id] = index;
        anchorTops[element.id] = Math.round((element.getBoundingClientRect().top - pageTop) * 100) / 100;
      }
    });
    return { anchors, anchorTops };
  }

  /**
   * Where each page reference's number goes: its box (kept blank, three digits wide) on its page, in CSS
   * px from the page's top left corner, and the font it is set in. The folio sheet prints the target's
   * folio there once every part is paginated (folios.ts); until then no part knows where any page falls.
   */
  function pageReferencePlaces() {
    const places = [];
    document.querySelectorAll('.pagedjs_page').forEach((page, index) => {
      const corner = page.getBoundingClientRect();
      for (const number of page.querySelectorAll('.page-ref-number[data-target]')) {
        const box = number.getBoundingClientRect();
        const style = getComputedStyle(number);
        places.push({
          target: number.dataset.target,
          page: index,
          left: box.left - corner.left,
          top: box.top - corner.top,
          width: box.width,
          height: box.height,
          font: `${style.fontWeight} ${style.fontSize}/${box.height}px ${style.fontFamily}`,
        });
      }
    });
    return places;
  }

  /** 0-based indexes of the pages with nothing on them (Paged.js's blank versos before a chapter). */
  function blankPages() {
    return [...document.querySelectorAll('.pagedjs_page')].flatMap((page, index) =>
      page.querySelector('.pagedjs_page_content').textContent.trim() === '' ? [index] : [],
    );
  }

  /** Notes whose call is on one page but whose text begins on another (for the build's report). */
  function unplacedNotes() {
    const moved = [];
    for (const call of document.querySelectorAll('[data-footnote-call]')) {
      const note = document.querySelector(`.pagedjs_footnote_inner_content [data-note="footnote"][data-ref="${call.dataset.ref}"]:not([data-split-from])`);
      if (!note || note.closest('.pagedjs_page') !== call.closest('.pagedjs_page')) moved.push(note?.dataset.noteId ?? call.dataset.ref);
    }
    return moved;
  }

  /** The contents' page numbers, once the text is paginated (placeholders of the same width until then). */
  window.folioFillContents = (pages) => {
    for (const number of document.querySelectorAll('.toc-page[data-chapter]')) {
      number.textContent = String(pages[number.dataset.chapter] ?? '');
    }
  };
})();
