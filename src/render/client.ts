// Client-side fallback, used only when the build had no Chromium: draws `<pre class="mermaid">` blocks emitted by
// markup.ts with the same configuration as the build, and redraws them when Starlight's theme changes.
// mermaid (large) is imported lazily from the site's own bundle, so pages without a diagram never download it.
import { finishSvg } from './svg-finish.ts';
import { mermaidConfig, type ThemeVariant } from './theme.ts';

type MermaidApi = {
  initialize(config: Record<string, unknown>): void;
  render(id: string, code: string): Promise<{ svg: string }>;
};

const SELECTOR = '.ffe-diagram--client pre.mermaid';

function currentVariant(root: HTMLElement): ThemeVariant {
  return root.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** The source is kept aside on first sight because rendering replaces the block's content. */
function sourceOf(block: HTMLElement): string {
  block.dataset.source ??= block.textContent ?? '';
  return block.dataset.source;
}

async function drawAll(mermaid: MermaidApi, blocks: HTMLElement[], variant: ThemeVariant): Promise<void> {
  mermaid.initialize(mermaidConfig(variant));
  // Sequential: mermaid keeps global state during a render.
  for (const block of blocks) {
    const code = sourceOf(block);
    const svgId = `${block.dataset.svgId ?? 'ffe-diagram'}-${variant}`;
    try {
      const { svg } = await mermaid.render(svgId, code);
      block.innerHTML = finishSvg(svg, {
        svgId,
        title: block.dataset.title ?? '',
        description: block.dataset.description ?? '',
      });
      block.dataset.rendered = variant;
    } catch (error) {
      console.error(`[ffe] diagramme « ${svgId} » illisible par mermaid :`, error);
    }
  }
}

export async function startClientDiagrams(doc: Document = document): Promise<void> {
  const blocks = Array.from(doc.querySelectorAll<HTMLElement>(SELECTOR));
  if (blocks.length === 0) return;
  const { default: mermaid } = (await import('mermaid')) as unknown as { default: MermaidApi };
  const root = doc.documentElement;
  let drawing = drawAll(mermaid, blocks, currentVariant(root));
  new MutationObserver(() => {
    const variant = currentVariant(root);
    drawing = drawing.then(() => {
      if (blocks.some((block) => block.dataset.rendered !== variant)) return drawAll(mermaid, blocks, variant);
    });
  }).observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  await drawing;
}
