// remark plugin: hand-written ```mermaid blocks in MD/MDX get the same treatment as generated diagrams (one SVG drawn
// at build time, its text version read back from mermaid's parser, a standalone file; or the client-side fallback).
// It runs before Expressive Code (a rehype plugin), so the block never reaches the syntax highlighter.
//
//   ```mermaid title="Chemin d’une requête" description="Du navigateur au pod, en passant par Traefik."
//   flowchart LR
//     A --> B
//   ```
import path from 'node:path';
import type { Program } from 'estree';
import type { Code, Html, Parent, Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { diagramBuildError } from './errors.ts';
import { diagramFigureHtml } from './figure.ts';
import { DiagramRenderError, getDiagramRenderer, type DiagramRenderer, type DiagramSource } from './mermaid.ts';

export type RemarkMermaidOptions = {
  /** Defaults to the build-wide renderer shared with the components. */
  renderer?: () => DiagramRenderer;
  /**
   * Module specifier of an Astro component carrying the client script (src/render/client.ts). When a diagram of an
   * MDX file falls back to client-side rendering, the plugin imports and places it once in that file.
   */
  clientComponent?: string;
  /** The site's base path, for the links to the standalone files. */
  base?: string;
};

type Found = { node: Code; parent: Parent; heading?: string };

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

/** The mermaid blocks in document order, each with the heading it sits under. */
function collect(tree: Root): Found[] {
  const found: Found[] = [];
  let heading: string | undefined;
  visit(tree, (node, _index, parent) => {
    if (node.type === 'heading') {
      heading = toString(node).trim();
      return SKIP;
    }
    if (node.type === 'code' && node.lang === 'mermaid' && parent) found.push({ node, parent, heading });
    return undefined;
  });
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

function importNode(name: string, specifier: string): MdxjsEsm {
  const raw = JSON.stringify(specifier);
  const program: Program = {
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
  };
  return { type: 'mdxjsEsm', value: `import ${name} from ${raw}`, data: { estree: program } };
}

/** `content/docs/x.mdx:26`, relative to the working directory when the file lies under it. */
function locationOf(file: VFile, node: Code | undefined): string | undefined {
  if (!file.path) return undefined;
  const relative = path.relative(process.cwd(), file.path);
  const shown = relative.startsWith('..') ? file.path : relative;
  return node?.position ? `${shown}:${node.position.start.line}` : shown;
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
        readGraph: true,
      };
    });

    const renderer = options.renderer?.() ?? getDiagramRenderer();
    let rendered: Awaited<ReturnType<DiagramRenderer['render']>>;
    try {
      rendered = await renderer.render(sources);
    } catch (error) {
      const culprit = error instanceof DiagramRenderError ? found[sources.findIndex((s) => s.id === error.diagramId)]?.node : undefined;
      throw diagramBuildError(error, {
        location: locationOf(file, culprit),
        hint:
          'Corrigez la syntaxe du bloc ```mermaid à cette ligne ' +
          '(référence : https://mermaid.js.org/syntax/flowchart.html).',
      });
    }

    let anyClient = false;
    found.forEach(({ node, parent }, index) => {
      const diagram = rendered.get(sources[index].id)!;
      anyClient ||= diagram.kind === 'client';
      const html: Html = {
        type: 'html',
        value: diagramFigureHtml(diagram, { base: options.base, source: node.value }),
        position: node.position,
      };
      parent.children[parent.children.indexOf(node)] = html;
    });

    const isMdx = file.path?.endsWith('.mdx') ?? false;
    if (anyClient && options.clientComponent && isMdx) {
      const name = 'FfeDiagramClient';
      const element: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name, attributes: [], children: [] };
      tree.children.unshift(importNode(name, options.clientComponent));
      tree.children.push(element);
    }
  };
}

export { remarkMermaid };
