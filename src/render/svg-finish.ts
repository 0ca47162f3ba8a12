// Turns mermaid's SVG into the markup we ship: safe links, accessible name and description, colours as CSS custom
// properties (see palette.ts).
// `finishSvg` runs inside Chromium (its source is sent to the tabs with the two functions it calls, so none of them
// may reference anything outside their own bodies but each other: see `finishSvgScript`) and in the reader's browser
// for the client-side fallback. Keep them self-contained.

export type SvgMeta = {
  svgId: string;
  title: string;
  description: string;
  /** Sentinel colour (red, green, blue) → custom property name, from palette.ts's sentinelTable(). */
  colours: [number, number, number, string][];
};

export function finishSvg(svgText: string, meta: SvgMeta): string {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  // Parsed as HTML, like the page that will embed it: mermaid emits xlink:href without declaring the prefix,
  // which an XML parser rejects.
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${svgText}`, 'text/html');
  const svg = doc.body.firstElementChild;
  if (!svg || svg.localName !== 'svg' || svg.namespaceURI !== SVG_NS) {
    throw new Error(`mermaid a produit un SVG illisible pour « ${meta.svgId} »`);
  }
  const links = cleanSvg(doc, svg, meta.colours);
  labelSvg(doc, svg, meta, links);
  return svg.outerHTML;
}

/**
 * What mermaid wrote that the site does not ship: scripts, event handlers, unsafe links, its bookkeeping, unused
 * stylesheet rules, float digits no screen shows, and sentinel colours (which become custom properties). Returns how
 * many links are left.
 */
export function cleanSvg(doc: Document, svg: Element, colours: SvgMeta['colours']): number {
  const XLINK_NS = 'http://www.w3.org/1999/xlink';
  // Only plain navigation survives: relative paths, fragments, http(s) and mailto.
  const isSafeHref = (href: string): boolean => {
    // eslint-disable-next-line no-control-regex
    const compact = href.replace(/[\u0000-\u0020\u007f]+/g, '');
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
    return scheme === null || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
  };

  // Each sentinel colour, however mermaid wrote it (#rrggbb, rgb(), rgba() after khroma), becomes its custom
  // property; an author's own colours (a classDef in a hand-written block) stay as written.
  const colourVariable = (r: number, g: number, b: number): string | undefined =>
    colours.find(([cr, cg, cb]) => cr === r && cg === g && cb === b)?.[3];
  const recolour = (text: string): string =>
    text.replace(/#[0-9a-fA-F]{6}\b|rgba?\(\s*[\d.]+\s*,\s*[\d.]+\s*,\s*[\d.]+\s*(?:,\s*[\d.]+%?\s*)?\)/g, (literal) => {
      const channels = literal.startsWith('#')
        ? [1, 3, 5].map((i) => Number.parseInt(literal.slice(i, i + 2), 16))
        : (literal.match(/[\d.]+%?/g) ?? []).map((v) => (v.endsWith('%') ? Number.parseFloat(v) / 100 : Number(v)));
      const name = colourVariable(channels[0], channels[1], channels[2]);
      if (!name) return literal;
      const alpha = channels[3] ?? 1;
      return alpha >= 1 ? `var(${name})` : `color-mix(in srgb, var(${name}) ${Math.round(alpha * 100)}%, transparent)`;
    });

  // mermaid writes every float digit (a large diagram reached 800 KB): a tenth of a CSS pixel is below what a screen
  // shows, even zoomed in.
  const roundNumbers = (text: string, decimals: number): string =>
    text.replace(/-?\d*\.\d+(?:e-?\d+)?/gi, (n) => {
      const rounded = Number(Number(n).toFixed(decimals));
      return String(Object.is(rounded, -0) ? 0 : rounded);
    });
  const GEOMETRY = ['d', 'points', 'transform', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'viewbox', 'refx', 'refy', 'dx', 'dy'];

  // mermaid's stylesheet carries rules for every look and feature (neo look, KaTeX, icons, animations…): only those
  // matching an element of this drawing stay. Hover and focus rules are kept by matching without the pseudo-class.
  const pruneStylesheet = (text: string): string => {
    if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return text;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    const kept: string[] = [];
    const keyframes: CSSKeyframesRule[] = [];
    for (const rule of Array.from(sheet.cssRules)) {
      if (rule instanceof CSSKeyframesRule) keyframes.push(rule);
      else if (!(rule instanceof CSSStyleRule)) kept.push(rule.cssText);
      else {
        const selector = rule.selectorText.replace(/::?(?:hover|focus-visible|focus-within|focus|active|visited|before|after)\b/g, '');
        let used = true;
        try {
          used = doc.querySelector(selector) !== null;
        } catch {
          // A selector this browser cannot evaluate is kept as written.
        }
        if (used) kept.push(rule.cssText);
      }
    }
    const body = kept.join('');
    for (const rule of keyframes) {
      if (new RegExp(`animation(?:-name)?\\s*:[^;}]*\\b${rule.name}\\b`).test(body)) kept.push(rule.cssText);
    }
    return kept.join('');
  };

  for (const el of Array.from(svg.querySelectorAll('script'))) el.remove();
  for (const style of Array.from(svg.querySelectorAll('style'))) style.textContent = recolour(pruneStylesheet(style.textContent ?? ''));
  const elements = [svg, ...Array.from(svg.querySelectorAll('*'))];
  let links = 0;
  for (const el of elements) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.localName.toLowerCase();
      // mermaid's bookkeeping (data-points is a base64 copy of edge geometry), useless once drawn and styled.
      if (name.startsWith('on') || ['data-points', 'data-look', 'data-et', 'data-edge', 'data-id'].includes(name)) el.removeAttributeNode(attr);
      else if (name === 'style' && /^[\s;]*$/.test(attr.value)) el.removeAttributeNode(attr);
      else if (['style', 'fill', 'stroke', 'stop-color', 'color'].includes(name)) attr.value = recolour(attr.value);
      else if (GEOMETRY.includes(name)) attr.value = roundNumbers(attr.value, name === 'd' || name === 'points' ? 1 : 2);
    }
    // Any element may point somewhere (<a>, but also <use>, <image>…): only plain navigation is kept, as `href`.
    const href = el.getAttribute('href') ?? el.getAttributeNS(XLINK_NS, 'href');
    if (href !== null) {
      el.removeAttributeNS(XLINK_NS, 'href');
      el.removeAttribute('href');
      if (isSafeHref(href)) {
        el.setAttribute('href', href);
        if (el.localName === 'a') links++;
      }
    }
  }

  return links;
}

/** The drawing's accessible name, description and role, and its drawn size for CSS. */
export function labelSvg(doc: Document, svg: Element, meta: SvgMeta, links: number): void {
  const SVG_NS = 'http://www.w3.org/2000/svg';
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
  // The drawn size, for CSS: a wide diagram keeps legible text and scrolls instead of shrinking to the column.
  const viewBox = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const width = Math.ceil(viewBox[2] || 0);
  const height = Math.ceil(viewBox[3] || 0);
  if (width > 0 && height > 0) {
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('style', `--ffe-natural-width: ${width}px;`);
  }
}

/** What the tabs run, in their source: finishSvg and the functions it calls (part of the cache key). */
export const SVG_FINISH_FUNCTIONS: readonly ((...args: never[]) => unknown)[] = [cleanSvg, labelSvg, finishSvg];

/** A statement that defines finishSvg in a page, as `globalThis.__ffeFinishSvg`, with the functions it calls. */
export function finishSvgScript(): string {
  return `globalThis.__ffeFinishSvg = (() => {\n${SVG_FINISH_FUNCTIONS.map(String).join('\n')}\nreturn ${finishSvg.name};\n})();\n`;
}
