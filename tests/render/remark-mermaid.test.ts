import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor, unified } from '@astrojs/markdown-remark';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenderedDiagram } from '../../src/render/markup.ts';
import { createDiagramRenderer, type DiagramRenderer, type DiagramSource } from '../../src/render/mermaid.ts';
import remarkMermaid from '../../src/render/remark-mermaid.ts';
import { chromiumSkipReason } from './chromium-guard.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/render');
const guidePath = path.join(fixtures, 'guide.mdx');
const brokenPath = path.join(fixtures, 'broken.mdx');

/** Stands in for Chromium so the plugin's own behaviour is tested anywhere. */
function fakeRenderer(kind: 'svg' | 'client', seen: DiagramSource[] = []): DiagramRenderer {
  return {
    async render(diagrams) {
      seen.push(...diagrams);
      const out = new Map<string, RenderedDiagram>();
      for (const d of diagrams) {
        out.set(
          d.id,
          kind === 'svg'
            ? { kind, ...d, light: `<svg id="${d.id}-light"><title>${d.title}</title></svg>`, dark: `<svg id="${d.id}-dark"></svg>` }
            : { kind, ...d },
        );
      }
      return out;
    },
    async close() {},
    stats: { requested: 0, rendered: 0, cacheHits: 0, clientSide: 0, renderMs: 0, launchMs: 0, launches: 0 },
  };
}

async function markdownToHtml(file: string, renderer: DiagramRenderer): Promise<string> {
  const processor = await createMarkdownProcessor({
    syntaxHighlight: false,
    remarkPlugins: [[remarkMermaid, { renderer: () => renderer }]],
  });
  const { code } = await processor.render(await readFile(file, 'utf8'), { fileURL: pathToFileURL(file) });
  return code;
}

async function compileMdx(file: string, renderer: DiagramRenderer, clientComponent?: string): Promise<string> {
  const processor = unified({ remarkPlugins: [[remarkMermaid, { renderer: () => renderer, clientComponent }]] });
  const mdx = await processor.createMdxRenderer!(
    { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true },
    { optimize: false, srcDir: pathToFileURL(path.resolve('src') + '/'), sourcemap: false },
  );
  const { code } = await mdx.process(await readFile(file, 'utf8'), file, {});
  return code;
}

describe('a ```mermaid block in Markdown', () => {
  it('becomes the diagram markup with both theme variants instead of a code block', async () => {
    const html = await markdownToHtml(guidePath, fakeRenderer('svg'));
    expect(html).toContain('<div class="ffe-diagram" data-diagram="mdx-guide-1" role="figure" tabindex="0" aria-label="Chemin d’une requête">');
    expect(html).toContain('<div class="ffe-diagram__variant" data-variant="light"><svg id="mdx-guide-1-light">');
    expect(html).toContain('<div class="ffe-diagram__variant" data-variant="dark"><svg id="mdx-guide-1-dark">');
    expect(html).not.toContain('language-mermaid');
    expect(html).toContain('language-js');
  });

  it('takes its accessible title and description from the block’s meta', async () => {
    const seen: DiagramSource[] = [];
    await markdownToHtml(guidePath, fakeRenderer('svg', seen));
    expect(seen).toEqual([
      expect.objectContaining({
        id: 'mdx-guide-1',
        title: 'Chemin d’une requête',
        description: 'Du navigateur au pod web.',
        code: expect.stringContaining('click pod href "/infra/web/pod/web/"'),
      }),
    ]);
  });
});

describe('a ```mermaid block in MDX', () => {
  it('compiles through Astro’s unified MDX pipeline into the rendered markup', async () => {
    const code = await compileMdx(guidePath, fakeRenderer('svg'));
    expect(code).toContain('"mdx-guide-1-light"');
    expect(code).toContain('"ffe-diagram__variant"');
    expect(code).not.toContain('language-mermaid');
  });

  it('falls back to a <pre class="mermaid"> block and imports the client script component', async () => {
    const code = await compileMdx(guidePath, fakeRenderer('client'), '/src/components/DiagramClient.astro');
    expect(code).toContain('"mermaid"');
    expect(code).toMatch(/import FfeDiagramClient from "\/src\/components\/DiagramClient.astro"/);
    expect(code).toMatch(/_jsx\(FfeDiagramClient, \{\}\)/);
  });
});

describe.skipIf(chromiumSkipReason !== undefined)(`MDX diagrams drawn in Chromium ${chromiumSkipReason ?? ''}`, () => {
  const renderer = createDiagramRenderer({ cacheDir: false });
  afterAll(() => renderer.close());

  it('inlines the real SVG with its link', async () => {
    const html = await markdownToHtml(guidePath, renderer);
    expect(html).toMatch(/<svg id="mdx-guide-1-light"[^>]*role="graphics-document document"/);
    expect(html).toMatch(/<a [^>]*href="\/infra\/web\/pod\/web\/"/);
    expect(html).toContain('Navigateur');
  });

  it('compiles the real SVG, stylesheet included, through the MDX pipeline', async () => {
    const code = await compileMdx(guidePath, renderer);
    expect(code).toContain('"mdx-guide-1-dark"');
    expect(code).toMatch(/"set:html": "#mdx-guide-1-light\{/);
    expect(code).toContain('"/infra/web/pod/web/"');
  });

  it('reports an invalid block with its file and line, in French', async () => {
    const failure = compileMdx(brokenPath, renderer);
    await expect(failure).rejects.toThrow(/Bloc ```mermaid invalide/);
    await expect(failure).rejects.toMatchObject({ line: 5, file: brokenPath });
  });
});
