// Client-side fallback, used only when the build had no Chromium: draws the `<pre class="mermaid">` blocks of
// figure.ts with the same configuration as the build, once (colours are CSS custom properties, so Starlight's theme
// toggle recolours the drawing), and fills the text version of hand-written blocks from mermaid's parser.
// mermaid (large) is imported lazily from the site's own bundle, so pages without a diagram never download it.
import { toHtml } from 'hast-util-to-html';
import { graphOfFlowchart, readFlowchart } from './mermaid-graph.ts';
import { sentinelTable } from './palette.ts';
import { finishSvg } from './svg-finish.ts';
import { sourceTextVersion, textVersion } from './text-version.ts';
import { mermaidConfig } from './theme.ts';

type MermaidApi = Parameters<typeof readFlowchart>[0] & {
  initialize(config: Record<string, unknown>): void;
  render(id: string, code: string): Promise<{ svg: string }>;
};

const FIGURES = '.ffe-diagram--client';

async function draw(mermaid: MermaidApi, figure: HTMLElement): Promise<void> {
  const block = figure.querySelector<HTMLElement>('pre.mermaid');
  if (!block || block.dataset.rendered !== undefined) return;
  const code = block.textContent ?? '';
  const svgId = block.dataset.svgId ?? 'ffe-diagram';
  try {
    const { svg } = await mermaid.render(svgId, code);
    block.innerHTML = finishSvg(svg, {
      svgId,
      title: block.dataset.title ?? '',
      description: block.dataset.description ?? '',
      colours: sentinelTable(),
    });
    block.dataset.rendered = '';
    const pending = figure.querySelector('details[data-pending]');
    if (pending) {
      const flowchart = await readFlowchart(mermaid, code);
      pending.outerHTML = toHtml(flowchart ? textVersion(graphOfFlowchart(flowchart)) : sourceTextVersion(code));
    }
  } catch (error) {
    console.error(`[ffe] diagramme « ${svgId} » illisible par mermaid :`, error);
  }
}

export async function startClientDiagrams(doc: Document = document): Promise<void> {
  const figures = Array.from(doc.querySelectorAll<HTMLElement>(FIGURES));
  if (figures.length === 0) return;
  const { default: mermaid } = (await import('mermaid')) as unknown as { default: MermaidApi };
  mermaid.initialize(mermaidConfig());
  // Sequential: mermaid keeps global state during a render.
  for (const figure of figures) await draw(mermaid, figure);
}
