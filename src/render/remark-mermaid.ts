// remark plugin: hand-written ```mermaid blocks in MD/MDX get the same treatment as generated diagrams (SVG drawn
// at build time in both theme variants, or the client-side fallback). It runs before Expressive Code (a rehype
// plugin), so the block never reaches the syntax highlighter.
//
//   ```mermaid title="Chemin d’une requête" description="Du navigateur au pod, en passant par Traefik."
//   flowchart LR
//     A --> B
//   ```
import path from 'node:path';
import type { Code, Heading, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { diagramHtml } from './markup.ts';
import { DiagramRenderError, getDiagramRenderer, type DiagramRenderer, type DiagramSource } from './mermaid.ts';

export type RemarkMermaidOptions = {
  /** Defaults to the build-wide renderer shared with the components. */
  renderer?: () => DiagramRenderer;
  /**
   * Module specifier of an Astro component carrying the client script (src/render/client.ts). When a diagram of an
   * MDX file falls back to client-side rendering, the plugin imports and places it once in that file.
   */
  clientComponent?: string;
};

type Found = { node: Code; parent: { children: RootContent[] }; heading?: string };

/** `title="…" description="…"` (or `desc=`), double or single quotes. */
export function parseMeta(meta: string | null | undefined): { title?: string; description?: string } {
  const out: { title?: string; description?: string } = {};
  for (const match of (meta ?? '').matchAll(/([A-Za-z]+)=(?:"([^"]*)"|'([^']*)')/g)) {
    const key = match[1].toLowerCase();
    const value = match[2] ?? match[3];
    if (key === 'title') out.title = value;
    else if (key === 'description' || key === 'desc') out.description = value;
  }
  return out;
}

function textOf(node: { value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((child) => textOf(child as { value?: string; children?: unknown[] })).join('');
}

function collect(tree: Root): Found[] {
  const found: Found[] = [];
  let heading: string | undefined;
  const walk = (parent: { children: RootContent[] }): void => {
    for (const child of parent.children) {
      if (child.type === 'heading') heading = textOf(child as Heading).trim();
      if (child.type === 'code' && child.lang === 'mermaid') found.push({ node: child, parent, heading });
      else if ('children' in child && Array.isArray(child.children)) walk(child as { children: RootContent[] });
    }
  };
  walk(tree);
  return found;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'page'
  );
}

function importNode(name: string, specifier: string): RootContent {
  const raw = JSON.stringify(specifier);
  return {
    type: 'mdxjsEsm',
    value: `import ${name} from ${raw}`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
            source: { type: 'Literal', value: specifier, raw },
            attributes: [],
          },
        ],
      },
    },
  } as unknown as RootContent;
}

export default function remarkMermaid(options: RemarkMermaidOptions = {}) {
  return async function transform(tree: Root, file: VFile): Promise<void> {
    const found = collect(tree);
    if (found.length === 0) return;
    const fileName = file.path ? path.basename(file.path, path.extname(file.path)) : 'page';
    const sources: DiagramSource[] = found.map(({ node, heading }, index) => {
      const meta = parseMeta(node.meta);
      return {
        id: `mdx-${slug(fileName)}-${index + 1}`,
        code: node.value,
        title: meta.title ?? (heading ? `Diagramme — ${heading}` : 'Diagramme'),
        description: meta.description ?? '',
      };
    });

    const renderer = options.renderer?.() ?? getDiagramRenderer();
    let rendered;
    try {
      rendered = await renderer.render(sources);
    } catch (error) {
      if (!(error instanceof DiagramRenderError)) throw error;
      const culprit = found[sources.findIndex((s) => s.id === error.diagramId)]?.node;
      file.fail(
        `Bloc \`\`\`mermaid invalide : ${error.mermaidMessage}. Corrigez la syntaxe du diagramme ` +
          '(référence : https://mermaid.js.org/syntax/flowchart.html).',
        { place: culprit?.position, source: 'remark-mermaid', ruleId: 'syntax' },
      );
    }

    let anyClient = false;
    found.forEach(({ node, parent }, index) => {
      const diagram = rendered.get(sources[index].id)!;
      anyClient ||= diagram.kind === 'client';
      const at = parent.children.indexOf(node);
      parent.children[at] = { type: 'html', value: diagramHtml(diagram), position: node.position };
    });

    const isMdx = file.path?.endsWith('.mdx') ?? false;
    if (anyClient && options.clientComponent && isMdx) {
      const name = 'FfeDiagramClient';
      tree.children.unshift(importNode(name, options.clientComponent));
      tree.children.push({ type: 'mdxJsxFlowElement', name, attributes: [], children: [] } as unknown as RootContent);
    }
  };
}

export { remarkMermaid };
