// Diagrams that differ only by where their nodes link to, their title and their description — a resource's
// neighbourhood in production and in staging, drawn from the same bases — are one drawing: mermaid lays the shape out
// once, with placeholders, and each diagram gets its own SVG ids, links, tooltips and accessible name back by
// substitution, written as the browser would have serialised them (the same bytes as drawing it alone, which
// tests/render/shared-shape.test.ts checks). On FFE's manifests, the 146 diagrams of the site are 119 drawings.
import { createHash } from 'node:crypto';
import type { DiagramSource } from './mermaid.ts';
import { svgIdBase } from './theme.ts';

export type Shape = {
  /** What mermaid draws. */
  source: DiagramSource;
  /** The drawing of `source`, as the diagram's own. */
  dress(svg: string): string;
};

/** A node link as flowchart.ts writes it. Only site paths are shared: finishSvg keeps them as they are. */
const CLICK = /^(\s*click \S+ href )"(\/[^"]*)" "([^"]*)"$/gm;

/** HTML serialisation of text and of attribute values (what outerHTML writes). */
const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/"/g, '&quot;');

/** The diagram as itself: a hand-written block (whose graph is read back from mermaid) is not shared. */
export function ownShape(diagram: DiagramSource): Shape {
  return { source: diagram, dress: (svg) => svg };
}

export function shapeOf(diagram: DiagramSource): Shape {
  if (diagram.readGraph) return ownShape(diagram);
  const links: { href: string; tooltip: string }[] = [];
  const code = diagram.code.replace(CLICK, (_line, head: string, href: string, tooltip: string) => {
    const n = links.push({ href, tooltip }) - 1;
    return `${head}"/ffe-link-${n}/" "ffe-tip-${n}"`;
  });
  const described = diagram.description.trim() !== '';
  const hash = createHash('sha256').update(code).update(described ? '\u0000described' : '').digest('hex').slice(0, 20);
  const id = `ffe-shape-${hash}`;
  const title = `ffe-title-${hash}`;
  const description = described ? `ffe-desc-${hash}` : '';
  return {
    source: { id, code, title, description },
    dress(svg) {
      const ownId = svgIdBase(diagram.id);
      const names = described ? `>${title}<|>${description}<` : `>${title}<`;
      // One pass over the drawing: a large one holds hundreds of links.
      return svg.replace(new RegExp(`"/ffe-link-(\\d+)/"|"ffe-tip-(\\d+)"|${names}|${id}`, 'g'), (found, link?: string, tip?: string) => {
        if (link !== undefined) return `"${escapeAttribute(links[Number(link)]!.href)}"`;
        if (tip !== undefined) return `"${escapeAttribute(links[Number(tip)]!.tooltip)}"`;
        if (found === `>${title}<`) return `>${escapeText(diagram.title)}<`;
        if (found === `>${description}<`) return `>${escapeText(diagram.description)}<`;
        return ownId;
      });
    },
  };
}
