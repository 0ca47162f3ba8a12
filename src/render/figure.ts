// The HTML of a diagram on a page, shared by the Astro component and the MDX plugin so both look the same: one SVG in
// a box that scrolls sideways when the drawing is wider than the column, a caption with the link to the full-size
// file, and the text version. Built as a hast tree (hastscript); only the SVG, which our renderer made and cleaned,
// goes in as raw markup.
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { Graph } from '../views/diagram.ts';
import type { RenderedDiagram } from './mermaid.ts';
import { standaloneHref, type StandaloneFiles } from './standalone.ts';
import { sourceTextVersion, textVersion } from './text-version.ts';
import { svgIdBase } from './theme.ts';

/** Class names the stylesheet (diagram.css), the client script and the tests rely on. */
export const DIAGRAM_CLASS = 'ffe-diagram';

export interface FigureOptions {
  /** The graph the diagram was drawn from; a hand-written block's comes back from mermaid's parser. */
  graph?: Graph;
  /** A sentence true of the whole diagram, shown under it. */
  caption?: string;
  /** The site's base path. */
  base?: string;
  /** The mermaid text, shown as the text version when no graph could be read (a diagram that is not a flowchart). */
  source?: string;
  /** Where the build collects the full-size files: a drawing recorded there gets the link to its own. */
  standalones?: StandaloneFiles;
  /**
   * The drawing the full-size link opens when the page shows a coarser one (src/render/fit.ts): the view's own, with
   * all its detail. Default: the drawing shown.
   */
  full?: RenderedDiagram;
}

function raw(value: string): ElementContent {
  // hast-util-to-html writes `raw` nodes as they are when allowDangerousHtml is set.
  return { type: 'raw', value } as unknown as ElementContent;
}

function textVersionOf(diagram: RenderedDiagram, options: FigureOptions): Element {
  const known = options.graph ?? (diagram.kind === 'svg' ? diagram.graph : undefined);
  if (known) return textVersion(known);
  if (diagram.kind === 'client' && diagram.readGraph) {
    // Filled in the reader's browser from mermaid's parser, like the drawing (client.ts).
    return h('details', { className: [`${DIAGRAM_CLASS}__text`], dataPending: '' }, [h('summary', 'Version texte du schéma')]);
  }
  return sourceTextVersion(options.source ?? (diagram.kind === 'client' ? diagram.code : ''));
}

/**
 * A wide diagram scrolls inside this box, which takes the keyboard focus so it can be scrolled without a mouse. The
 * search index skips the drawing: the text version says the same in sentences, without the stylesheet.
 */
function scrollBox(title: string): Record<string, string | number | string[]> {
  return { className: [`${DIAGRAM_CLASS}__scroll`], tabIndex: 0, role: 'group', ariaLabel: `Schéma : ${title}`, dataPagefindIgnore: '' };
}

export function diagramFigure(diagram: RenderedDiagram, options: FigureOptions = {}): Element {
  const caption: ElementContent[] = [];
  if (options.caption) caption.push(h('span', { className: [`${DIAGRAM_CLASS}__caption-text`] }, options.caption), { type: 'text', value: ' ' });
  let drawing: Element;
  if (diagram.kind === 'svg') {
    if (options.standalones) {
      const detailed = options.full?.kind === 'svg' && options.full.id !== diagram.id ? options.full : undefined;
      const file = detailed ?? diagram;
      options.standalones.publish(file.id, file.svg);
      caption.push(h('a', { className: [`${DIAGRAM_CLASS}__full`], href: standaloneHref(file.id, options.base) }, detailed ? 'Ouvrir le schéma détaillé' : 'Ouvrir le schéma en grand'));
    }
    drawing = h('div', scrollBox(diagram.title), [raw(diagram.svg)]);
  } else {
    drawing = h('div', scrollBox(diagram.title), [
      h('pre', { className: ['mermaid'], dataSvgId: svgIdBase(diagram.id), dataTitle: diagram.title, dataDescription: diagram.description }, diagram.code),
    ]);
  }
  // The view holds the scroll box and draws, over its edges, the cue that more of the drawing lies that way.
  const view = h('div', { className: [`${DIAGRAM_CLASS}__view`] }, [drawing]);
  return h(
    'figure',
    { className: diagram.kind === 'svg' ? [DIAGRAM_CLASS] : [DIAGRAM_CLASS, `${DIAGRAM_CLASS}--client`], dataDiagram: diagram.id },
    [view, ...(caption.length > 0 ? [h('figcaption', { className: [`${DIAGRAM_CLASS}__caption`] }, caption)] : []), textVersionOf(diagram, options)],
  );
}

export function diagramFigureHtml(diagram: RenderedDiagram, options: FigureOptions = {}): string {
  return toHtml(diagramFigure(diagram, options), { allowDangerousHtml: true });
}
