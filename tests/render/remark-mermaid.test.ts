import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor, unified } from '@astrojs/markdown-remark';
import { afterAll, describe, expect, it } from 'vitest';
import { createDiagramRenderer, type DiagramRenderer, type DiagramSource } from '../../src/render/mermaid.ts';
import remarkMermaid from '../../src/render/remark-mermaid.ts';
import { chromiumSkipReason } from './chromium-guard.ts';
import { StandaloneFiles } from '../../src/render/standalone.ts';
import { fakeRenderer } from './fake-renderer.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/render');
const guidePath = path.join(fixtures, 'guide.mdx');
const brokenPath = path.join(fixtures, 'broken.mdx');

async function markdownToHtml(file: string, renderer: DiagramRenderer): Promise<string> {
  const processor = await createMarkdownProcessor({
    syntaxHighlight: false,
    remarkPlugins: [[remarkMermaid, { renderer: () => renderer, standalones: new StandaloneFiles() }]],
  });
  const { code } = await processor.render(await readFile(file, 'utf8'), { fileURL: pathToFileURL(file) });
  return code;
}

async function compileMdx(file: string, renderer: DiagramRenderer, clientComponent?: string): Promise<string> {
  const processor = unified({ remarkPlugins: [[remarkMermaid, { renderer: () => renderer, standalones: new StandaloneFiles(), clientComponent }]] });
  const mdx = await processor.createMdxRenderer!(
    { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true },
    { optimize: false, srcDir: pathToFileURL(path.resolve('src') + '/'), sourcemap: false },
  );
  const { code } = await mdx.process(await readFile(file, 'utf8'), file, {});
  return code;
}

describe('a ```mermaid block in Markdown', () => {
  it('becomes a figure with one drawing, a link to its standalone file and its text version', async () => {
    const html = await markdownToHtml(guidePath, fakeRenderer('svg'));
    expect(html).toContain('<figure class="ffe-diagram" data-diagram="mdx-guide-1">');
    expect(html.match(/<svg\b/g)).toHaveLength(1);
    expect(html).toContain('<a class="ffe-diagram__full" href="/schemas/mdx-guide-1.svg">Ouvrir le schéma en grand</a>');
    expect(html).toContain('<details class="ffe-diagram__text">');
    expect(html).toContain('<li><a href="/infra/web/pod/web/">Pod web</a></li>');
    expect(html).not.toContain('language-mermaid');
    expect(html).toContain('language-js');
  });

  it('takes its accessible title and description from the block’s meta, and asks for its graph', async () => {
    const seen: DiagramSource[] = [];
    await markdownToHtml(guidePath, fakeRenderer('svg', seen));
    expect(seen).toEqual([
      expect.objectContaining({
        id: 'mdx-guide-1',
        title: 'Chemin d’une requête',
        description: 'Du navigateur au pod web.',
        code: expect.stringContaining('click pod href "/infra/web/pod/web/"'),
        readGraph: true,
      }),
    ]);
  });
});

describe('a ```mermaid block in MDX', () => {
  it('compiles through Astro’s unified MDX pipeline into the figure', async () => {
    const code = await compileMdx(guidePath, fakeRenderer('svg'));
    expect(code).toContain('"mdx-guide-1"');
    expect(code).toContain('"ffe-diagram__text"');
    expect(code).not.toContain('language-mermaid');
  });

  it('falls back to a <pre class="mermaid"> block, a text version filled in the browser, and the client script', async () => {
    const code = await compileMdx(guidePath, fakeRenderer('client'), 'ffe:diagram-client');
    expect(code).toContain('"mermaid"');
    expect(code).toContain('"data-pending": ""');
    expect(code).toMatch(/import FfeDiagramClient from "ffe:diagram-client"/);
    expect(code).toMatch(/_jsx\(FfeDiagramClient, \{\}\)/);
  });
});

describe.skipIf(chromiumSkipReason !== undefined)(`MDX diagrams drawn in Chromium ${chromiumSkipReason ?? ''}`, () => {
  const renderer = createDiagramRenderer({ cacheDir: false });
  afterAll(() => renderer.close());

  it('inlines the real SVG with its link, and lists mermaid’s own nodes and edges in the text version', async () => {
    const html = await markdownToHtml(guidePath, renderer);
    expect(html).toMatch(/<svg id="mdx-guide-1"[^>]*role="graphics-document document"/);
    expect(html).toMatch(/<a [^>]*href="\/infra\/web\/pod\/web\/"/);
    const text = /<details class="ffe-diagram__text">([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '';
    expect(text).toContain('<li>Navigateur</li>');
    expect(text).toContain('<li><a href="/infra/web/pod/web/">Pod web</a></li>');
    expect(text).toContain('<li>«\u00a0Navigateur\u00a0» mène à «\u00a0Traefik\u00a0».</li>');
  });

  it('compiles the real SVG, stylesheet included, through the MDX pipeline', async () => {
    const code = await compileMdx(guidePath, renderer);
    expect(code).toContain('id: "mdx-guide-1"');
    expect(code).toContain('#mdx-guide-1 .node rect');
    expect(code).toContain('/infra/web/pod/web/');
  });

  it('reports an invalid block as Astro’s error: the file and line, what mermaid said, what to do, no stack trace', async () => {
    const failure = compileMdx(brokenPath, renderer);
    await expect(failure).rejects.toMatchObject({
      name: 'AstroUserError',
      message: expect.stringMatching(/tests\/fixtures\/render\/broken\.mdx:5 : Le diagramme « mdx-broken-1 » n’a pas pu être dessiné par mermaid/),
      hint: expect.stringContaining('Corrigez la syntaxe du bloc ```mermaid'),
      stack: '',
    });
  });
});
