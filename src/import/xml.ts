/**
 * A small, strict XML reader for bank statements and e-invoices, usable in a worker (no DOM there)
 * and in Node: elements, attributes, text, CDATA; the five predefined entities and character
 * references. A document type declaration is refused outright (no external or internal entity can
 * expand), and so is anything past the size and depth bounds. Namespace prefixes are dropped from
 * element names (`cbc:ID` → `ID`): the readers look for names, whatever the version's namespace.
 */

export type XmlElement = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
};

export class XmlError extends Error {
  readonly reason: 'Doctype' | 'Malformed' | 'TooDeep' | 'TooLarge';
  readonly offset: number;
  constructor(reason: 'Doctype' | 'Malformed' | 'TooDeep' | 'TooLarge', offset: number) {
    super(`${reason} at ${offset}`);
    this.reason = reason;
    this.offset = offset;
  }
}

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 2_000_000;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

function decodeEntities(s: string, at: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_, e: string) => {
    if (e.startsWith('#')) {
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || code === 0) throw new XmlError('Malformed', at);
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[e];
    if (v === undefined) throw new XmlError('Malformed', at);
    return v;
  });
}

/** The document's root element. Throws XmlError on anything it will not read. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  let count = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const top = stack[stack.length - 1] as XmlElement;
      const chunk = text.slice(i, end);
      if (stack.length > 1) top.text += decodeEntities(chunk, i);
      else if (chunk.trim() !== '') throw new XmlError('Malformed', i);
    }
    if (lt < 0) break;
    if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlError('Malformed', lt);
      i = close + 2;
    } else if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) throw new XmlError('Malformed', lt);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) throw new XmlError('Malformed', lt);
      (stack[stack.length - 1] as XmlElement).text += text.slice(lt + 9, close);
      i = close + 3;
    } else if (text.startsWith('<!', lt)) {
      // <!DOCTYPE …> and anything like it: the door to entity expansion stays shut.
      throw new XmlError('Doctype', lt);
    } else if (text[lt + 1] === '/') {
      const close = text.indexOf('>', lt + 2);
      if (close < 0) throw new XmlError('Malformed', lt);
      const name = localName(text.slice(lt + 2, close).trim());
      const top = stack.pop();
      if (!top || stack.length === 0 || top.name !== name) throw new XmlError('Malformed', lt);
      i = close + 1;
    } else {
      const close = findTagEnd(text, lt + 1);
      if (close < 0) throw new XmlError('Malformed', lt);
      const selfClosing = text[close - 1] === '/';
      const inner = text.slice(lt + 1, selfClosing ? close - 1 : close);
      const m = /^([^\s/>]+)/.exec(inner);
      if (!m) throw new XmlError('Malformed', lt);
      const attributes: Record<string, string> = {};
      const attrRe = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
      let a: RegExpExecArray | null;
      const rest = inner.slice((m[1] as string).length);
      while ((a = attrRe.exec(rest)) !== null) attributes[localName(a[1] as string)] = decodeEntities(a[3] ?? a[4] ?? '', lt);
      const el: XmlElement = { name: localName(m[1] as string), attributes, children: [], text: '' };
      if (++count > MAX_ELEMENTS) throw new XmlError('TooLarge', lt);
      const parent = stack[stack.length - 1] as XmlElement;
      if (parent === root && root.children.length > 0) throw new XmlError('Malformed', lt);
      parent.children.push(el);
      if (!selfClosing) {
        stack.push(el);
        if (stack.length > MAX_DEPTH) throw new XmlError('TooDeep', lt);
      }
      i = close + 1;
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new XmlError('Malformed', n);
  return root.children[0] as XmlElement;
}

/** The `>` closing a start tag, skipping quoted attribute values. */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  for (let k = from; k < text.length; k++) {
    const ch = text[k];
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return k;
  }
  return -1;
}

/** The first child named `name`, following a path of names ("Refs/EndToEndId"). */
export function child(el: XmlElement | undefined, path: string): XmlElement | undefined {
  let cur = el;
  for (const name of path.split('/')) {
    if (!cur) return undefined;
    cur = cur.children.find((c) => c.name === name);
  }
  return cur;
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** The trimmed text at a path, or '' when absent. */
export function textAt(el: XmlElement | undefined, path: string): string {
  return child(el, path)?.text.trim() ?? '';
}

/** Every element named `name` under `el`, depth first. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}
