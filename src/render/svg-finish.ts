// Turns mermaid's SVG into the markup we ship: safe links, accessible name and description.
// `finishSvg` runs inside Chromium (serialised by Playwright, so it must not reference anything outside its own
// body) and in the reader's browser for the client-side fallback. Keep it self-contained.

export type SvgMeta = { svgId: string; title: string; description: string };

export function finishSvg(svgText: string, meta: SvgMeta): string {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const XLINK_NS = 'http://www.w3.org/1999/xlink';
  // Parsed as HTML, like the page that will embed it: mermaid emits xlink:href without declaring the prefix,
  // which an XML parser rejects.
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${svgText}`, 'text/html');
  const svg = doc.body.firstElementChild;
  if (!svg || svg.localName !== 'svg' || svg.namespaceURI !== SVG_NS) {
    throw new Error(`mermaid a produit un SVG illisible pour « ${meta.svgId} »`);
  }

  // Only plain navigation survives: relative paths, fragments, http(s) and mailto.
  const isSafeHref = (href: string): boolean => {
    // eslint-disable-next-line no-control-regex
    const compact = href.replace(/[\u0000-\u0020\u007f]+/g, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
    return scheme === null || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
  };

  for (const el of Array.from(svg.querySelectorAll('script'))) el.remove();
  const elements = [svg, ...Array.from(svg.querySelectorAll('*'))];
  let links = 0;
  for (const el of elements) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.localName.toLowerCase();
      // data-points is mermaid's base64 copy of edge geometry, useless once drawn.
      if (name.startsWith('on') || name === 'data-points') el.removeAttributeNode(attr);
    }
    if (el.localName === 'a') {
      const href = el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href');
      el.removeAttributeNS(XLINK_NS, 'href');
      el.removeAttribute('href');
      if (href && isSafeHref(href)) {
        el.setAttribute('href', href);
        links++;
      }
    }
  }

  for (const child of Array.from(svg.children)) {
    if (child.localName === 'title' || child.localName === 'desc') child.remove();
  }
  svg.removeAttribute('aria-describedby');
  const titleId = `${meta.svgId}-title`;
  const descId = `${meta.svgId}-desc`;
  const title = doc.createElementNS(SVG_NS, 'title');
  title.setAttribute('id', titleId);
  title.textContent = meta.title;
  const nodes: Element[] = [title];
  if (meta.description.trim() !== '') {
    const desc = doc.createElementNS(SVG_NS, 'desc');
    desc.setAttribute('id', descId);
    desc.textContent = meta.description;
    nodes.push(desc);
    svg.setAttribute('aria-describedby', descId);
  }
  svg.prepend(...nodes);
  svg.setAttribute('aria-labelledby', titleId);
  // role="img" would make the links inside unreachable for assistive technology (its children are presentational),
  // so a diagram with links keeps mermaid's document role.
  svg.setAttribute('role', links === 0 ? 'img' : 'graphics-document document');
  // mermaid's "flowchart-v2" means nothing to a listener.
  svg.setAttribute('aria-roledescription', 'diagramme');
  svg.removeAttribute('xmlns:xlink');
  // The drawn width, for CSS: a wide diagram keeps legible text and scrolls instead of shrinking to the column.
  const naturalWidth = /max-width:\s*([\d.]+)px/.exec(svg.getAttribute('style') ?? '')?.[1];
  if (naturalWidth) svg.setAttribute('style', `max-width: ${Math.round(Number(naturalWidth))}px; --ffe-natural-width: ${Math.round(Number(naturalWidth))}px;`);
  return svg.outerHTML;
}
