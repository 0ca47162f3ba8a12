// Sätteri plugin (Astro 7's default Markdown processor): hand-written ```mermaid blocks in MD/MDX get the same
// treatment as generated diagrams (mermaid-blocks.ts). Sätteri calls the visitors in document order and awaits what
// they return together, so the blocks of a document are drawn in one round trip to Chromium.
import { fileURLToPath } from 'node:url';
import type { MdastPluginDefinition, MdxJsxFlowElement, PluginFactoryContext, RawHtmlMdastContent } from 'satteri';
import { CLIENT_COMPONENT_NAME, MermaidDocument, type MermaidBlock, type MermaidBlockOptions } from './mermaid-blocks.ts';

export type SatteriMermaidOptions = MermaidBlockOptions;

/**
 * The figure as the document takes it. In MDX, Sätteri would parse raw HTML into JSX text and apply smart punctuation
 * to it, stylesheet included (`var(--x)` would become `var(–x)`): the figure goes in untouched as Astro's
 * `<Fragment set:html="…" />`. Markdown keeps raw HTML as it is.
 */
function asContent(html: string, mdx: boolean): MdxJsxFlowElement | RawHtmlMdastContent {
  if (!mdx) return { rawHtml: html };
  return {
    type: 'mdxJsxFlowElement',
    name: 'Fragment',
    attributes: [{ type: 'mdxJsxAttribute', name: 'set:html', value: html }],
    children: [],
  };
}

/** One plugin instance per document; none for a document without a mermaid block. */
export function satteriMermaid(options: SatteriMermaidOptions) {
  return (context: PluginFactoryContext): MdastPluginDefinition | null => {
    // Cheap skip, as Sätteri suggests: most documents draw nothing.
    if (!context.source.includes('```mermaid')) return null;
    const document = new MermaidDocument(options, context.fileURL ? fileURLToPath(context.fileURL) : undefined);
    let heading: string | undefined;
    return {
      name: 'ffe-mermaid',
      options: { position: true },
      heading(node, ctx) {
        heading = ctx.textContent(node).trim();
      },
      code(node) {
        if (node.lang !== 'mermaid') return undefined;
        const block: MermaidBlock = { code: node.value, meta: node.meta, heading, line: node.position?.start.line };
        const source = document.source(block);
        return document.figures([block], [source]).then(([html]) => asContent(html, context.sourceFormat === 'mdx'));
      },
      after(root, ctx) {
        if (!document.needsClient(context.sourceFormat === 'mdx')) return;
        ctx.prependChild(root, { raw: `import ${CLIENT_COMPONENT_NAME} from ${JSON.stringify(options.clientComponent)}\n` });
        ctx.appendChild(root, { raw: `<${CLIENT_COMPONENT_NAME} />\n` });
      },
    };
  };
}
