/**
 * The joined book's structure tree (its tags), built from the tags Chromium wrote into each printed
 * document. Each part's elements are copied under one Document element, in reading order, pointing at
 * the copied pages; the ParentTree keys (the page → elements lookup a reader uses) are renumbered so
 * that the parts' keys follow one another, and the pages' StructParents with them.
 *
 * Two things Chromium's tags get wrong for a paginated book are mended on the way:
 * - Chromium wraps the elements of every Paged.js page in a chain of NonStruct elements (the page,
 *   sheet, area and content boxes). NonStruct means "no structure"; the copy drops those wrappers, so
 *   the book's tree is H1, P, H2 … from the first page to the last. A NonStruct holding text of its own
 *   directly under the Document (a note, an imprint line) becomes a P.
 * - A paragraph (list, quotation …) split by a page break is two elements, one on each page.
 *   templates/print/paginate.js marks the second piece with a private-use language subtag (the only
 *   attribute Chromium carries into a tag); the copy merges it into the element it continues.
 * - The notes at the page foot are plain NonStruct; paginate.js marks them the same way and the copy
 *   makes each a Note element, with the ID that PDF/UA asks of a Note.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

const K = PDFName.of('K');
const S = PDFName.of('S');
const PG = PDFName.of('Pg');
const TYPE = PDFName.of('Type');
const MCID = PDFName.of('MCID');
const OBJ = PDFName.of('Obj');
const LANG = PDFName.of('Lang');
const ID = PDFName.of('ID');
const NUMS = PDFName.of('Nums');
const KIDS = PDFName.of('Kids');
const STRUCT_PARENTS = PDFName.of('StructParents');
const STRUCT_PARENT = PDFName.of('StructParent');
const ANNOTS = PDFName.of('Annots');
const NON_STRUCT = PDFName.of('NonStruct');
/** What an element keeps besides its type, parent, page and kids. */
const KEPT = ['Lang', 'Alt', 'ActualText', 'E', 'T', 'A', 'C'].map((name) => PDFName.of(name));
/** The private-use subtags paginate.js adds to the language of a split element's continuation, and of a note. */
const CONTINUED = '-x-folio-continued';
const NOTE = '-x-folio-note';

/** An element of the book's tree, before it is written. */
interface Element {
  type: PDFName;
  entries: Map<PDFName, PDFObject>;
  kids: Kid[];
  /** The second piece of an element split by a page break. */
  continued: boolean;
}

type Kid = Element | { mcid: PDFNumber; page: PDFRef } | { annotation: PDFRef; page: PDFRef | undefined };

const isElement = (kid: Kid | undefined): kid is Element => kid !== undefined && 'type' in kid;

export class StructureBuilder {
  private readonly document: Element = { type: PDFName.of('Document'), entries: new Map(), kids: [], continued: false };
  /** Elements merged into the one they continue. */
  private readonly mergedInto = new Map<Element, Element>();
  private readonly notes = { count: 0 };
  /** ParentTree entries: a page's owner of each MCID, or an annotation's element. */
  private readonly parentTree: Array<{ key: number; owners: Array<Element | undefined> | Element }> = [];
  private nextKey = 0;

  constructor(private readonly joined: PDFDocument) {}

  /**
   * Adds `source`'s tags: its pages were copied to `copies` (same order). Keys of the parent tree and
   * the pages' StructParents move up by the keys used so far.
   */
  add(source: PDFDocument, copies: PDFPage[]): void {
    const pages = new Map<PDFRef, PDFRef>();
    const annotations = new Map<PDFRef, PDFRef>();
    source.getPages().forEach((page, index) => {
      const copy = copies[index]!;
      pages.set(page.ref, copy.ref);
      const from = page.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? [];
      const to = copy.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? [];
      from.forEach((annotation, at) => {
        if (annotation instanceof PDFRef && to[at] instanceof PDFRef) annotations.set(annotation, to[at]);
      });
    });
    const offset = this.nextKey;
    for (const copy of copies) {
      shiftKey(copy.node, STRUCT_PARENTS, offset);
      for (const annotation of copy.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? []) {
        const dict = this.joined.context.lookup(annotation);
        if (dict instanceof PDFDict) shiftKey(dict, STRUCT_PARENT, offset);
      }
    }
    const root = source.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    if (!root) return;
    const reader = new TreeReader(source.context, pages, annotations, this.notes);
    for (const document of kidsOf(source.context, root)) {
      const element = source.context.lookup(document);
      if (element instanceof PDFDict) this.append(this.document, reader.kids(element, undefined, true));
    }
    let keys = 0;
    for (const [key, value] of numberTreeEntries(source.context, root.lookup(PDFName.of('ParentTree')))) {
      const resolved = source.context.lookup(value);
      if (resolved instanceof PDFArray) {
        this.parentTree.push({ key: key + offset, owners: resolved.asArray().map((owner) => (owner instanceof PDFRef ? reader.owners.get(owner) : undefined)) });
      } else if (value instanceof PDFRef && reader.owners.has(value)) {
        this.parentTree.push({ key: key + offset, owners: reader.owners.get(value)! });
      }
      keys = Math.max(keys, key + 1);
    }
    const declared = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
    this.nextKey = offset + Math.max(keys, declared);
  }

  /** Appends `kids` to `parent`, merging each continuation into the element before it (and its first kids into that one's last). */
  private append(parent: Element, kids: Kid[]): void {
    for (const kid of kids) {
      const last = parent.kids.at(-1);
      if (isElement(kid) && kid.continued && isElement(last) && last.type === kid.type) {
        this.mergedInto.set(kid, last);
        this.append(last, kid.kids);
      } else {
        parent.kids.push(kid);
      }
    }
  }

  /** Writes the tree into the joined document's catalog, with /MarkInfo: this PDF is tagged. */
  finish(language: string): void {
    const context = this.joined.context;
    const rootRef = context.nextRef();
    this.document.entries.set(LANG, PDFString.of(language));
    const refs = new Map<Element, PDFRef>();
    const write = (element: Element, parent: PDFRef): PDFRef => {
      const ref = context.nextRef();
      refs.set(element, ref);
      const dict = context.obj({ Type: 'StructElem', S: element.type, P: parent });
      for (const [name, value] of element.entries) dict.set(name, value);
      const kids = element.kids.map((kid): PDFObject => {
        if (isElement(kid)) return write(kid, ref);
        if ('mcid' in kid) return context.obj({ Type: 'MCR', Pg: kid.page, MCID: kid.mcid });
        return context.obj({ Type: 'OBJR', Obj: kid.annotation, ...(kid.page ? { Pg: kid.page } : {}) });
      });
      dict.set(K, context.obj(kids));
      context.assign(ref, dict);
      return ref;
    };
    const documentRef = write(this.document, rootRef);
    const refOf = (element: Element | undefined): PDFObject => {
      let found = element;
      while (found && this.mergedInto.has(found)) found = this.mergedInto.get(found);
      return (found && refs.get(found)) ?? context.obj(null);
    };
    const nums = this.parentTree.flatMap(({ key, owners }) => [
      PDFNumber.of(key),
      Array.isArray(owners) ? context.register(context.obj(owners.map(refOf))) : refOf(owners),
    ]);
    const parentTree = context.register(context.obj({ Nums: nums }));
    context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: parentTree, ParentTreeNextKey: this.nextKey }));
    this.joined.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.joined.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}

/** Reads one part's structure elements into `Element`s, dropping NonStruct wrappers. */
class TreeReader {
  /** Source element → the element that holds its content (its nearest kept ancestor for a NonStruct). */
  readonly owners = new Map<PDFRef, Element>();

  constructor(
    private readonly source: PDFContext,
    private readonly pages: Map<PDFRef, PDFRef>,
    private readonly annotations: Map<PDFRef, PDFRef>,
    /** Notes numbered so far in the book: their IDs must be unique across the parts. */
    private readonly notes: { count: number },
  ) {}

  /** The kids of `element`, read; `page` is the page its MCIDs are on, `atRoot` whether they go under the Document. */
  kids(element: PDFDict, page: PDFRef | undefined, atRoot: boolean, owner?: Element): Kid[] {
    const onPage = element.get(PG) instanceof PDFRef ? (element.get(PG) as PDFRef) : page;
    return kidsOf(this.source, element).flatMap((kid) => this.kid(kid, onPage, atRoot, owner));
  }

  private kid(kid: PDFObject, page: PDFRef | undefined, atRoot: boolean, owner: Element | undefined): Kid[] {
    if (kid instanceof PDFNumber) return this.markedContent(kid, page);
    const dict = this.source.lookup(kid);
    if (!(dict instanceof PDFDict)) return [];
    const type = dict.get(TYPE)?.toString();
    if (type === '/MCR') {
      const mcid = dict.get(MCID);
      return mcid instanceof PDFNumber ? this.markedContent(mcid, dict.get(PG) instanceof PDFRef ? (dict.get(PG) as PDFRef) : page) : [];
    }
    if (type === '/OBJR') {
      const annotation = dict.get(OBJ) instanceof PDFRef ? this.annotations.get(dict.get(OBJ) as PDFRef) : undefined;
      const onPage = dict.get(PG) instanceof PDFRef ? this.pages.get(dict.get(PG) as PDFRef) : undefined;
      return annotation ? [{ annotation, page: onPage }] : [];
    }
    const lang = dict.get(LANG);
    const language = lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : '';
    const note = language.includes(NOTE);
    const paragraph = atRoot && holdsContent(this.source, dict);
    if (dict.get(S) === NON_STRUCT && !paragraph && !note) {
      if (kid instanceof PDFRef && owner) this.owners.set(kid, owner);
      return this.kids(dict, page, atRoot, owner);
    }
    const tag = note ? 'Note' : paragraph ? 'P' : undefined;
    const element: Element = { type: tag ? PDFName.of(tag) : (dict.get(S) as PDFName), entries: new Map(), kids: [], continued: language.includes(CONTINUED) };
    if (kid instanceof PDFRef) this.owners.set(kid, element);
    for (const name of KEPT) {
      const value = dict.get(name);
      if (value && !(value instanceof PDFRef)) element.entries.set(name, value);
    }
    const mark = [CONTINUED, NOTE].map((subtag) => language.indexOf(subtag)).filter((at) => at >= 0);
    if (mark.length) {
      // The element's own language, without the marks (merged, it takes its first piece's).
      const own = language.slice(0, Math.min(...mark));
      if (own === 'und') element.entries.delete(LANG);
      else element.entries.set(LANG, PDFString.of(own));
    }
    if (note) element.entries.set(ID, PDFString.of(`note-${++this.notes.count}`));
    element.kids = this.kids(dict, page, false, element);
    return [element];
  }

  private markedContent(mcid: PDFNumber, page: PDFRef | undefined): Kid[] {
    const onPage = page && this.pages.get(page);
    return onPage ? [{ mcid, page: onPage }] : [];
  }
}

/** The kids of an element or of the tree root: /K holds one kid or an array of them (direct or not). */
function kidsOf(context: PDFContext, dict: PDFDict): PDFObject[] {
  const value = dict.get(K);
  const resolved = value instanceof PDFRef ? context.lookup(value) : value;
  return resolved instanceof PDFArray ? resolved.asArray() : value ? [value] : [];
}

/** Whether an element's kids include marked content (an MCID or a marked-content reference). */
function holdsContent(context: PDFContext, element: PDFDict): boolean {
  return kidsOf(context, element).some((kid) => {
    if (kid instanceof PDFNumber) return true;
    const dict = context.lookup(kid);
    return dict instanceof PDFDict && dict.get(TYPE)?.toString() === '/MCR';
  });
}

/** The entries of a number tree (Nums, or Kids down to Nums), in order. */
function numberTreeEntries(context: PDFContext, node: PDFObject | undefined): Array<[number, PDFObject]> {
  const dict = node && context.lookup(node);
  if (!(dict instanceof PDFDict)) return [];
  const entries: Array<[number, PDFObject]> = [];
  const nums = dict.lookupMaybe(NUMS, PDFArray)?.asArray() ?? [];
  for (let index = 0; index + 1 < nums.length; index += 2) {
    const key = nums[index];
    if (key instanceof PDFNumber) entries.push([key.asNumber(), nums[index + 1]!]);
  }
  for (const kid of dict.lookupMaybe(KIDS, PDFArray)?.asArray() ?? []) entries.push(...numberTreeEntries(context, kid));
  return entries;
}

function shiftKey(dict: PDFDict, name: PDFName, offset: number): void {
  const key = dict.get(name);
  if (key instanceof PDFNumber) dict.set(name, PDFNumber.of(key.asNumber() + offset));
}
