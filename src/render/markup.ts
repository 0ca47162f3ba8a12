// HTML for a rendered diagram, shared by the Astro component and the MDX plugin so both look the same.
// Pure string building: the SVG strings come from our own renderer and are already sanitised.
import { svgIdBase } from './theme.ts';

export type RenderedDiagram =
  | {
      kind: 'svg';
      id: string;
      title: string;
      description: string;
      /** Self-contained SVG for Starlight's light theme. */
      light: string;
      /** Self-contained SVG for Starlight's dark theme. */
      dark: string;
    }
  | {
      /** No Chromium at build time: the reader's browser draws it (see client.ts). */
      kind: 'client';
      id: string;
      title: string;
      description: string;
      code: string;
    };

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Class names the stylesheet (diagram.css) and the client script rely on. */
export const DIAGRAM_CLASS = 'ffe-diagram';

export function diagramHtml(diagram: RenderedDiagram): string {
  const id = escapeHtml(diagram.id);
  if (diagram.kind === 'svg') {
    return (
      // A wide diagram scrolls inside its box: the box takes the keyboard focus so it can be scrolled without a mouse.
      `<div class="${DIAGRAM_CLASS}" data-diagram="${id}" role="figure" tabindex="0" aria-label="${escapeHtml(diagram.title)}">` +
      `<div class="${DIAGRAM_CLASS}__variant" data-variant="light">${diagram.light}</div>` +
      `<div class="${DIAGRAM_CLASS}__variant" data-variant="dark">${diagram.dark}</div>` +
      `</div>`
    );
  }
  return (
    `<div class="${DIAGRAM_CLASS} ${DIAGRAM_CLASS}--client" data-diagram="${id}">` +
    `<pre class="mermaid" data-svg-id="${escapeHtml(svgIdBase(diagram.id))}"` +
    ` data-title="${escapeHtml(diagram.title)}" data-description="${escapeHtml(diagram.description)}">` +
    `${escapeHtml(diagram.code)}</pre>` +
    `</div>`
  );
}
