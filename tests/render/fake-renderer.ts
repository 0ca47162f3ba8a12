// What the Markdown plugins' tests draw with: a renderer that stands in for Chromium, or for its absence.
import type { DiagramRenderer, DiagramSource, RenderedDiagram } from '../../src/render/mermaid.ts';

/** Stands in for Chromium so the plugin's own behaviour is tested anywhere. */
export function fakeRenderer(kind: 'svg' | 'client', seen: DiagramSource[] = []): DiagramRenderer {
  return {
    async render(diagrams) {
      seen.push(...diagrams);
      const out = new Map<string, RenderedDiagram>();
      for (const d of diagrams) {
        out.set(
          d.id,
          kind === 'svg'
            ? {
                kind,
                id: d.id,
                title: d.title,
                description: d.description,
                svg: `<svg id="${d.id}"><title>${d.title}</title></svg>`,
                width: 300,
                height: 100,
                graph: {
                  nodes: [
                    { key: 'browser', label: 'Navigateur', cls: 'other' },
                    { key: 'pod', label: 'Pod web', cls: 'other', href: '/infra/web/pod/web/' },
                  ],
                  edges: [{ from: 'browser', to: 'pod' }],
                  groups: [],
                },
              }
            : { kind, id: d.id, title: d.title, description: d.description, code: d.code, readGraph: d.readGraph },
        );
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
