// What the Markdown plugins (remark-mermaid.ts for unified, satteri-mermaid.ts for Sätteri) share: how a hand-written
// ```mermaid block becomes a diagram source, and how its rendering becomes the figure or an error the author can act on.
//
//   ```mermaid title="Chemin d’une requête" description="Du navigateur au pod, en passant par Traefik."
//   flowchart LR
//     A --> B
//   ```
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { diagramBuildError, type DeferredDiagramErrors } from './errors.ts';
import { diagramFigureHtml } from './figure.ts';
import { DiagramRenderError, type DiagramRenderer, type DiagramSource, type RenderedDiagram } from './mermaid.ts';
import type { StandaloneFiles } from './standalone.ts';

export type MermaidBlockOptions = {
  /** The build's renderer, shared with the components (src/site/session.ts). */
  renderer: () => DiagramRenderer;
  /** Where the build collects the full-size files of the diagrams shown. */
  standalones?: StandaloneFiles;
  /** A build keeps a block's error there and stops once the pages are generated; without it, the error is thrown. */
  deferredErrors?: DeferredDiagramErrors;
  /**
   * Module specifier of an Astro component carrying the client script (src/render/client.ts). When a diagram of an
   * MDX file falls back to client-side rendering, the plugin imports and places it once in that file.
   */
  clientComponent?: string;
  /** The site's base path, for the links to the standalone files. */
  base?: string;
};

/** The name the client component is imported under in an MDX file. */
export const CLIENT_COMPONENT_NAME = 'FfeDiagramClient';

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

export interface MermaidBlock {
  code: string;
  meta?: string | null;
  /** The heading the block sits under, for a default title. */
  heading?: string;
  /** 1-based line of the block in its file. */
  line?: number;
}

/** A document's blocks, in order: ids are `mdx-<file>-<n>`, stable while the blocks keep their order. */
export class MermaidDocument {
  private count = 0;
  private client = false;
  private readonly options: MermaidBlockOptions;
  private readonly fileName: string;
  private readonly shownPath?: string;

  constructor(options: MermaidBlockOptions, filePath: string | undefined) {
    this.options = options;
    this.fileName = filePath ? path.basename(filePath, path.extname(filePath)) : 'page';
    if (filePath) {
      const relative = path.relative(process.cwd(), filePath);
      this.shownPath = relative.startsWith('..') ? filePath : relative;
    }
  }

  /** Takes the next block's place in the document (synchronously, so ids follow the document order). */
  source(block: MermaidBlock): DiagramSource {
    const meta = parseMeta(block.meta);
    this.count++;
    return {
      id: `mdx-${slug(this.fileName)}-${this.count}`,
      code: block.code,
      title: meta.title ?? (block.heading ? `Diagramme — ${block.heading}` : 'Diagramme'),
      description: meta.description ?? '',
      readGraph: true,
    };
  }

  /** Renders the blocks (together, in one round trip) and returns each one's figure HTML. */
  async figures(blocks: readonly MermaidBlock[], sources: readonly DiagramSource[]): Promise<string[]> {
    const renderer = this.options.renderer();
    let rendered: Map<string, RenderedDiagram>;
    try {
      rendered = await renderer.render(sources);
    } catch (error) {
      const culprit = DiagramRenderError.is(error) ? blocks[sources.findIndex((s) => s.id === error.diagramId)] : undefined;
      const failure = diagramBuildError(error, {
        location: this.shownPath && (culprit?.line ? `${this.shownPath}:${culprit.line}` : this.shownPath),
        line: culprit?.line,
        hint: 'Corrigez la syntaxe du bloc ```mermaid à cette ligne (référence : https://mermaid.js.org/syntax/flowchart.html).',
      });
      if (!this.options.deferredErrors?.keep(failure)) throw failure;
      // The build will stop after the pages (errors.ts); meanwhile the page holds the message, not a figure.
      return sources.map(() => toHtml(h('p', { className: ['ffe-diagram-error'] }, (failure as Error).message)));
    }
    return sources.map((source, index) => {
      const diagram = rendered.get(source.id)!;
      this.client ||= diagram.kind === 'client';
      return diagramFigureHtml(diagram, { base: this.options.base, source: blocks[index].code, standalones: this.options.standalones });
    });
  }

  /** Whether the file must load the client script: a diagram was left to the browser and there is a component for it. */
  needsClient(isMdx: boolean): boolean {
    return this.client && isMdx && this.options.clientComponent !== undefined;
  }
}
