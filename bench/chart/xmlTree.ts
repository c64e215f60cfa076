// Test kit: a strict reader for the XML the SVG writer produces (elements, quoted attributes, text, the five
// predefined entities and numeric references, one root). Throws on anything not well-formed.
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.replace(ENTITY, '').includes('&')) throw new Error(`bare & in ${where}`);
  return raw.replace(ENTITY, (e) => {
    const body = e.slice(1, -1);
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body]!;
  });
}

export function parseXml(doc: string): XmlNode {
  let i = 0;
  const prolog = /^<\?xml[^?]*\?>\s*/.exec(doc);
  if (prolog) i = prolog[0].length;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const chunk = doc.slice(i, lt === -1 ? doc.length : lt);
    if (stack.length === 0 && chunk.trim() !== '') throw new Error('text outside the root element');
    if (stack.length > 0) stack.at(-1)!.text += decode(chunk, 'text');
    if (chunk.includes('>')) throw new Error('bare > in text');
    if (lt === -1) break;
    const gt = doc.indexOf('>', lt);
    if (gt === -1) throw new Error('unclosed tag');
    const tag = doc.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1)) throw new Error(`mismatched </${tag.slice(1)}>`);
      if (stack.length === 0) root = open;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag <${tag}>`);
    if (root) throw new Error('second root element');
    const node: XmlNode = { name, attrs: {}, children: [], text: '' };
    let rest = body.slice(name.length);
    const ATTR = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/;
    for (let m = ATTR.exec(rest); m; m = ATTR.exec(rest)) {
      if (m[1]! in node.attrs) throw new Error(`duplicate attribute ${m[1]}`);
      node.attrs[m[1]!] = decode(m[2]!, `attribute ${m[1]}`);
      rest = rest.slice(m[0].length);
    }
    if (rest.trim() !== '') throw new Error(`bad attributes in <${tag}>`);
    stack.at(-1)?.children.push(node);
    if (selfClosing) {
      if (stack.length === 0) root = node;
    } else stack.push(node);
  }
  if (stack.length > 0 || !root) throw new Error('unclosed element');
  return root;
}

export function findAll(node: XmlNode, test: (n: XmlNode) => boolean): XmlNode[] {
  return [...(test(node) ? [node] : []), ...node.children.flatMap((c) => findAll(c, test))];
}
