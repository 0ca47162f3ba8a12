// Which drawing of a view a page shows (src/render/fit.ts): the first that keeps to the budget, measured on what the
// renderer drew; the finest stays the full-size file. A stand-in renderer gives each drawing the size its id says.
import { describe, expect, it } from 'vitest';
import { drawingsOf, fitsBudget, MAX_DRAWN_WIDTH, renderFitting } from '../../src/render/fit.ts';
import type { DiagramRenderer, DiagramSource, RenderedDiagram } from '../../src/render/mermaid.ts';
import type { DiagramView, Graph } from '../../src/views/diagram.ts';

const graph = (nodes: number): Graph => ({ nodes: Array.from({ length: nodes }, (_, i) => ({ key: `n${i}`, label: `nœud ${i}`, cls: 'other' })), edges: [], groups: [] });
const view = (id: string, nodes: number, coarser: DiagramView[] = []): DiagramView => ({ id, title: id, description: '', graph: graph(nodes), ...(coarser.length ? { coarser } : {}) });

/** Draws each diagram at the size its table gives (default 300 × 200), counting what it was asked, request by request. */
function sizedRenderer(sizes: Record<string, [number, number]>, kind: 'svg' | 'client' = 'svg', asked: string[][] = []): DiagramRenderer {
  return {
    async render(diagrams: readonly DiagramSource[]) {
      asked.push(diagrams.map((d) => d.id));
      const out = new Map<string, RenderedDiagram>();
      for (const d of diagrams) {
        const [width, height] = sizes[d.id] ?? [300, 200];
        out.set(d.id, kind === 'svg' ? { kind, id: d.id, title: d.title, description: d.description, svg: `<svg id="${d.id}"></svg>`, width, height } : { kind, id: d.id, title: d.title, description: d.description, code: d.code });
      }
      return out;
    },
    async prepare() {
      return kind === 'svg' ? 'ssr' : 'client';
    },
    async close() {},
    stats: { requested: 0, rendered: 0, cacheHits: 0, clientSide: 0, renderMs: 0, batches: 0, launchMs: 0, launches: 0 },
  };
}

describe('the budget of a diagram at 1280 px', () => {
  it('allows the widest drawing the column shrinks to 12 px labels, and two screens of height as shown', () => {
    expect(MAX_DRAWN_WIDTH).toBe(737);
    expect(fitsBudget({ width: 737, height: 1800 })).toBe(true);
    expect(fitsBudget({ width: 738, height: 100 })).toBe(false);
    // Shrunk to the 632 px column, a drawing 700 px wide and 1950 px tall is shown 1760 px tall.
    expect(fitsBudget({ width: 700, height: 1950 })).toBe(true);
    expect(fitsBudget({ width: 500, height: 1801 })).toBe(false);
  });
});

describe('the drawing a page shows', () => {
  const ladder = view('v', 80, [view('v--a', 20), view('v--b', 4)]);

  it('is the view’s own when it fits, drawn once', async () => {
    const asked: string[][] = [];
    const fitted = (await renderFitting(sizedRenderer({}, 'svg', asked), [ladder])).get('v')!;
    expect(fitted.level.id).toBe('v');
    expect(fitted.full).toBe(fitted.shown);
    expect(asked).toEqual([['v']]);
  });

  it('is the first coarser one that fits, the finest staying the full-size file; views are asked level by level together', async () => {
    const asked: string[][] = [];
    const other = view('w', 3, [view('w--a', 2)]);
    const fitted = await renderFitting(sizedRenderer({ v: [2400, 900], 'v--a': [600, 2600], w: [900, 100] }, 'svg', asked), [ladder, other]);
    expect(fitted.get('v')!.level.id).toBe('v--b');
    expect(fitted.get('v')!.full?.id).toBe('v');
    expect(fitted.get('w')!.level.id).toBe('w--a');
    expect(asked).toEqual([['v', 'w'], ['v--a', 'w--a'], ['v--b']]);
  });

  it('is the coarsest when none fits', async () => {
    const fitted = (await renderFitting(sizedRenderer({ v: [2400, 900], 'v--a': [2000, 100], 'v--b': [900, 100] }), [ladder])).get('v')!;
    expect(fitted.level.id).toBe('v--b');
  });

  it('without Chromium, is the finest of at most 60 nodes, its size unknown', async () => {
    const fitted = (await renderFitting(sizedRenderer({}, 'client'), [ladder])).get('v')!;
    expect(fitted.level.id).toBe('v--a');
    expect(fitted.shown.kind).toBe('client');
  });
});

describe('the drawings of a view', () => {
  it('leave out a level that draws the same as the one before, and one mermaid would refuse but the last', () => {
    const same = view('s', 3, [view('s--a', 3), view('s--b', 2)]);
    expect(drawingsOf(same).map((l) => l.id)).toEqual(['s', 's--b']);
    const huge: DiagramView = { ...view('h', 1), graph: { ...graph(1), edges: Array.from({ length: 501 }, () => ({ from: 'n0', to: 'n0' })) }, coarser: [view('h--a', 2)] };
    expect(drawingsOf(huge).map((l) => l.id)).toEqual(['h--a']);
  });
});
