/**
 * The joined book's structure tree (its tags), built from the tags Chromium wrote into each printed
 * document. Each part's elements are copied under one Document element, in reading order, pointing at
 * the copied pages; the ParentTree keys (the page → elements lookup a reader uses) are renumbered so
 * that the parts' keys follow one another, and the pages' StructParents with them.
 *
 * Chromium wraps the elements of every Paged.js page in a chain of NonStruct elements (the page,
 * sheet, area and content boxes). NonStruct means "no structure" and readers look through it; the copy
 * drops those wrappers, so the book's tree is H1, P, H2 … from the first page to the last.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

const K = PDFName.of('K');
const S = PDFName.of('S');
const PG = PDFName.of('Pg');
const TYPE = PDFName.of('Type');
const MCID = PDFName.of('MCID');
const OBJ = PDFName.of('Obj');
const NUMS = PDFName.of('Nums');
const KIDS = PDFName.of('Kids');
const STRUCT_PARENTS = PDFName.of('StructParents');
const STRUCT_PARENT = PDFName.of('StructParent');
const ANNOTS = PDFName.of('Annots');
const NON_STRUCT = PDFName.of('NonStruct');
/** What an element keeps besides its type, parent, page and kids. */
const KEPT = ['Lang', 'Alt', 'ActualText', 'E', 'T', 'A', 'C'].map((name) => PDFName.of(name));

export class StructureBuilder {
  private readonly documentRef: PDFRef;
  private readonly kids: PDFObject[] = [];
  private readonly parentTree: PDFObject[] = [];
  private nextKey = 0;

  constructor(private readonly joined: PDFDocument) {
    this.documentRef = joined.context.nextRef();
  }

  /**
   * Adds `source`'s tags: its pages were copied to `copies` (same order). Keys of the parent tree and
   * the pages' StructParents move up by the keys used so far.
   */
  add(source: PDFDocument, copies: PDFPage[]): void {
    const root = source.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
    const sourcePages = source.getPages();
    const pages = new Map<PDFRef, PDFRef>();
    const annotations = new Map<PDFRef, PDFRef>();
    sourcePages.forEach((page, index) => {
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
    if (!root) return;
    const copier = new ElementCopier(source.context, this.joined.context, this.documentRef, pages, annotations);
    const top = source.context.lookup(root.get(K));
    const documents = top instanceof PDFArray ? top.asArray() : top ? [root.get(K)!] : [];
    for (const document of documents) {
      const element = source.context.lookup(document);
      if (element instanceof PDFDict) this.kids.push(...copier.kids(element, this.documentRef, undefined));
    }
    let keys = 0;
    for (const [key, value] of numberTreeEntries(source.context, root.lookup(PDFName.of('ParentTree')))) {
      const copied = copier.parentTreeValue(value);
      if (copied) this.parentTree.push(PDFNumber.of(key + offset), copied);
      keys = Math.max(keys, key + 1);
    }
    const declared = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
    this.nextKey = offset + Math.max(keys, declared);
  }

  /** Writes the tree into the joined document's catalog, with /MarkInfo: this PDF is tagged. */
  finish(language: string): void {
    const context = this.joined.context;
    const rootRef = context.nextRef();
    context.assign(this.documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, Lang: PDFString.of(language), K: this.kids }));
    const parentTree = context.register(context.obj({ Nums: this.parentTree }));
    context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: this.documentRef, ParentTree: parentTree, ParentTreeNextKey: this.nextKey }));
    this.joined.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    this.joined.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}

/** Copies structure elements from one document into another, flattening NonStruct wrappers. */
class ElementCopier {
  /** Source element → the element that holds its content in the copy (its parent for a NonStruct). */
  private readonly elements = new Map<PDFRef, PDFRef>();

  constructor(
    private readonly source: PDFContext,
    private readonly target: PDFContext,
    /** The joined book's Document element. */
    private readonly root: PDFRef,
    private readonly pages: Map<PDFRef, PDFRef>,
    private readonly annotations: Map<PDFRef, PDFRef>,
  ) {}

  /** The copied kids of `element`, to go under `parent`; `page` is the page its MCIDs are on. */
  kids(element: PDFDict, parent: PDFRef, page: PDFRef | undefined): PDFObject[] {
    const onPage = element.get(PG) instanceof PDFRef ? (element.get(PG) as PDFRef) : page;
    const value = element.get(K);
    const list = value instanceof PDFArray ? value.asArray() : value ? [value] : [];
    return list.flatMap((kid) => this.kid(kid, parent, onPage));
  }

  private kid(kid: PDFObject, parent: PDFRef, page: PDFRef | undefined): PDFObject[] {
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
      return annotation ? [this.target.obj({ Type: 'OBJR', Obj: annotation, ...(onPage ? { Pg: onPage } : {}) })] : [];
    }
    // A NonStruct that holds text of its own directly under the Document (a note, an imprint line) is
    // a paragraph; every other NonStruct is dropped, its kids going to its parent.
    const paragraph = parent === this.root && holdsContent(this.source, dict);
    if (dict.get(S) === NON_STRUCT && !paragraph) {
      if (kid instanceof PDFRef) this.elements.set(kid, parent);
      return this.kids(dict, parent, page);
    }
    const ref = this.target.nextRef();
    if (kid instanceof PDFRef) this.elements.set(kid, ref);
    const copy = this.target.obj({ Type: 'StructElem', S: paragraph ? PDFName.of('P') : dict.get(S)!, P: parent });
    for (const name of KEPT) {
      const value = dict.get(name);
      if (value && !(value instanceof PDFRef)) copy.set(name, value.clone(this.target));
    }
    copy.set(K, this.target.obj(this.kids(dict, ref, page)));
    this.target.assign(ref, copy);
    return [ref];
  }

  /** A marked-content reference, with the page it is on (an element's kids may span pages once flattened). */
  private markedContent(mcid: PDFNumber, page: PDFRef | undefined): PDFObject[] {
    const onPage = page && this.pages.get(page);
    return onPage ? [this.target.obj({ Type: 'MCR', Pg: onPage, MCID: mcid })] : [];
  }

  /** A ParentTree value: the array of elements owning a page's MCIDs, or the element of an annotation. */
  parentTreeValue(value: PDFObject): PDFObject | undefined {
    const resolved = this.source.lookup(value);
    if (resolved instanceof PDFArray) {
      const owners = resolved.asArray().map((owner) => (owner instanceof PDFRef ? this.elements.get(owner) : undefined) ?? this.target.obj(null));
      return this.target.register(this.target.obj(owners));
    }
    return value instanceof PDFRef ? this.elements.get(value) : undefined;
  }
}

/** Whether an element's kids include marked content (an MCID or a marked-content reference). */
function holdsContent(context: PDFContext, element: PDFDict): boolean {
  const value = element.get(K);
  const kids = value instanceof PDFArray ? value.asArray() : value ? [value] : [];
  return kids.some((kid) => {
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
