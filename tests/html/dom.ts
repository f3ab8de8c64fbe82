/** A small read-only view of a built page (parse5 is the HTML parser the unified tools use). */
import { parse } from 'parse5';

export interface DomElement {
  tag: string;
  attrs: Record<string, string>;
  children: DomElement[];
  text: string;
  parent?: DomElement;
}

interface Parse5Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Parse5Node[];
  content?: Parse5Node;
}

function convert(node: Parse5Node, parent?: DomElement): DomElement {
  const element: DomElement = { tag: node.tagName ?? node.nodeName, attrs: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])), children: [], text: '', parent };
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === '#text') element.text += child.value ?? '';
    else if (child.tagName) {
      const converted = convert(child, element);
      element.children.push(converted);
      element.text += converted.text;
    }
  }
  return element;
}

export function parseHtml(html: string): DomElement {
  return convert(parse(html) as unknown as Parse5Node);
}

export function all(root: DomElement, test: (element: DomElement) => boolean): DomElement[] {
  const found: DomElement[] = [];
  const walk = (element: DomElement) => {
    if (test(element)) found.push(element);
    element.children.forEach(walk);
  };
  walk(root);
  return found;
}

export const hasClass = (element: DomElement, name: string) => (element.attrs.class ?? '').split(/\s+/).includes(name);
export const closest = (element: DomElement, test: (e: DomElement) => boolean): DomElement | undefined => {
  for (let e: DomElement | undefined = element; e; e = e.parent) if (test(e)) return e;
  return undefined;
};
