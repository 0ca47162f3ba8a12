// Which drawing of a view a page shows: its own, when it keeps to the budget every diagram has — no sideways scroll in
// the content column at 1280 px, at most about two screens tall — else the first of its coarser drawings that does
// (DiagramView.coarser, finest first), else the coarsest. Measured on the drawing itself, not guessed: the renderer
// gives each one's size. The finest drawing stays the full-size file (/schemas/…) and the view's own graph the text
// version, so the detail is never lost; a drawing too big for mermaid is not attempted.
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, READABLE_NODES, type DiagramView } from '../views/diagram.ts';
import { diagramSourceOf } from './flowchart.ts';
import type { DiagramRenderer, RenderedDiagram } from './mermaid.ts';
import { LABEL_FONT_PX } from './theme.ts';

/**
 * The budget, in CSS pixels: Starlight's content column at 1280 px (measured by `npm run diagrams:fit`), the smallest
 * label size a diagram shrinks to before it scrolls (diagram.css, --ffe-diagram-min-scale), two 900 px screens.
 */
export const DIAGRAM_BUDGET = { column: 632, minLabelPx: 12, height: 1800 } as const;

/** The widest drawing the column shows without scrolling: shrunk until its labels are 12 px. */
export const MAX_DRAWN_WIDTH = Math.floor((DIAGRAM_BUDGET.column * LABEL_FONT_PX) / DIAGRAM_BUDGET.minLabelPx);

/** Whether a drawing of this size keeps to the budget at 1280 px. */
export function fitsBudget(size: { width: number; height: number }): boolean {
  if (size.width > MAX_DRAWN_WIDTH) return false;
  const shown = size.height * Math.min(1, DIAGRAM_BUDGET.column / Math.max(1, size.width));
  return shown <= DIAGRAM_BUDGET.height;
}

/**
 * The drawings a view may be shown as, finest first: its own, then its coarser ones, less those mermaid would refuse
 * (its default limits on text and edges) and those that would draw the same as the one before.
 */
export function drawingsOf(view: DiagramView): DiagramView[] {
  const all = [view, ...(view.coarser ?? [])];
  const sources = all.map((level) => diagramSourceOf(level).code);
  return all.filter((level, i) => {
    const drawable = sources[i].length <= MERMAID_MAX_TEXT && level.graph.edges.length <= MERMAID_MAX_EDGES;
    return (drawable || i === all.length - 1) && (i === 0 || sources[i] !== sources[i - 1]);
  });
}

export interface FittedDiagram {
  /** The drawing the page shows. */
  shown: RenderedDiagram;
  /** The finest drawing mermaid draws (the view's own unless it is too big), for the full-size file. */
  full: RenderedDiagram | undefined;
  /** The view whose drawing is shown. */
  level: DiagramView;
}

/**
 * A view's drawings, drawn as needed until one fits, for each view: all first levels in one request, then the next
 * level of those that did not fit, and so on, so that a page or a build asks Chromium as few times as possible.
 * Without Chromium (drawn in the reader's browser, size unknown), the finest drawing of at most READABLE_NODES nodes.
 */
export async function renderFitting(renderer: DiagramRenderer, views: readonly DiagramView[], options: { background?: boolean } = {}): Promise<Map<string, FittedDiagram>> {
  const fitted = new Map<string, FittedDiagram>();
  const full = new Map<string, RenderedDiagram | undefined>();
  let pending = views.map((view) => ({ view, levels: drawingsOf(view), at: 0 }));
  while (pending.length > 0) {
    const asked = pending.map((p) => diagramSourceOf(p.levels[p.at]));
    const drawn = await renderer.render(asked, options);
    const next: typeof pending = [];
    for (const p of pending) {
      const level = p.levels[p.at];
      const rendered = drawn.get(level.id)!;
      if (p.at === 0) full.set(p.view.id, rendered);
      const last = p.at === p.levels.length - 1;
      const fits = rendered.kind === 'svg' ? fitsBudget(rendered) : level.graph.nodes.length <= READABLE_NODES;
      if (fits || last) fitted.set(p.view.id, { shown: rendered, full: full.get(p.view.id), level });
      else next.push({ ...p, at: p.at + 1 });
    }
    pending = next;
  }
  return fitted;
}
