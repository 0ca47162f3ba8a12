import { describe, expect, it } from 'vitest';
import { diagramFigureHtml } from '../../src/render/figure.ts';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { StandaloneFiles, standaloneSvg } from '../../src/render/standalone.ts';
import { DIAGRAM_COLOURS } from '../../src/render/palette.ts';
import type { Graph } from '../../src/views/diagram.ts';

const graph: Graph = {
  nodes: [
    { key: 'a', label: 'Service web', cls: 'service', href: '/infra/web/service/web/' },
    { key: 'b', label: 'Déploiement web', cls: 'workload' },
  ],
  edges: [{ from: 'a', to: 'b', meaning: 'envoie le trafic à' }],
  groups: [],
};
const svg =
  '<svg id="web-flow" width="900" height="300" viewBox="0 0 900 300" style="--ffe-natural-width: 900px;">' +
  '<title id="web-flow-title">Flux web</title><desc id="web-flow-desc">Du service\u00a0au déploiement.</desc>' +
  '<style>#web-flow .node rect { fill: var(--ffe-diagram-node-fill); }</style><g class="node"></g></svg>';

describe('a diagram drawn at build time, on its page', () => {
  const standalones = new StandaloneFiles();
  const drawn = { kind: 'svg', id: 'web-flow', title: 'Flux web', description: 'Du service au déploiement.', svg, width: 900, height: 300 } as const;
  const html = diagramFigureHtml(drawn, { graph, caption: 'Source : le dépôt Git « flux-system ».', standalones });

  it('is a figure holding the one SVG in a box that scrolls sideways and can be focused', () => {
    expect(html.match(/<svg\b/g)).toHaveLength(1);
    expect(html).toMatch(
      /^<figure class="ffe-diagram" data-diagram="web-flow"><div class="ffe-diagram__view"><div class="ffe-diagram__scroll" tabindex="0" role="group" aria-label="Schéma : Flux web" data-pagefind-ignore=""><svg id="web-flow"/,
    );
  });

  it('says under it what is true of the whole diagram, and links to its full-size file', () => {
    expect(html).toContain(
      '<figcaption class="ffe-diagram__caption"><span class="ffe-diagram__caption-text">Source : le dépôt Git « flux-system ».</span> ' +
        '<a class="ffe-diagram__full" href="/schemas/web-flow.svg">Ouvrir le schéma en grand</a></figcaption>',
    );
  });

  it('carries its text version, from the graph it was drawn from', () => {
    expect(html).toContain('<details class="ffe-diagram__text">');
    expect(html).toContain('«\u00a0Service web\u00a0» envoie le trafic à «\u00a0Déploiement web\u00a0».');
  });

  it('publishes its standalone file', () => {
    expect(standalones.document('web-flow.svg')).toBe(standaloneSvg(svg));
    expect(standalones.document('other.svg')).toBeUndefined();
  });

  it('links to no full-size file where the build collects none', () => {
    expect(diagramFigureHtml(drawn, { graph })).not.toContain('/schemas/');
  });
});

describe('the standalone file of a diagram', () => {
  const file = standaloneSvg(svg);

  it('is an XML document: declared, entities XML knows, the stylesheets as character data', () => {
    expect(file.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg id="web-flow"')).toBe(true);
    expect(file).not.toContain('&nbsp;');
    expect(file).toContain('<style><![CDATA[#web-flow .node rect { fill: var(--ffe-diagram-node-fill); }]]></style>');
  });

  it('holds the palette for a light and a dark system colour scheme, and fetches nothing', () => {
    const fill = DIAGRAM_COLOURS.find((c) => c.role === 'node-fill')!;
    expect(file).toContain(`--ffe-diagram-node-fill: ${fill.light};`);
    expect(file).toMatch(new RegExp(`@media \\(prefers-color-scheme: dark\\) \\{ :root \\{[^}]*--ffe-diagram-node-fill: ${fill.dark};`));
    expect(file).not.toMatch(/url\(|@import|href="http/);
  });
});

describe('a diagram left to the reader’s browser', () => {
  const html = diagramFigureHtml({ kind: 'client', id: 'mdx-a', title: 'A', description: '', code: 'flowchart LR\n  a --> b', readGraph: true });

  it('holds the mermaid text to draw, no link to a file that does not exist, and a text version to fill', () => {
    expect(html).toContain('<pre class="mermaid" data-svg-id="mdx-a" data-title="A" data-description="">flowchart LR\n  a --> b</pre>');
    expect(html).not.toContain('/schemas/');
    expect(html).toContain('<details class="ffe-diagram__text" data-pending="">');
  });
});

describe('the mermaid text of a graph', () => {
  it('uses the default layout (dagre) unless the view asks for ELK', () => {
    expect(flowchartOf(graph)).toMatch(/^flowchart LR\n/);
    expect(flowchartOf({ ...graph, direction: 'TB', layout: 'elk' })).toMatch(/^---\nconfig:\n {2}layout: elk\n---\nflowchart TB\n/);
  });
});
