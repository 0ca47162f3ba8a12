// The same hand-written ```mermaid blocks through Sätteri, Astro 7's default Markdown processor, which the site uses.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { createDiagramRenderer, type DiagramRenderer, type DiagramSource } from '../../src/render/mermaid.ts';
import { satteriMermaid } from '../../src/render/satteri-mermaid.ts';
import { chromiumSkipReason } from './chromium-guard.ts';
import { StandaloneFiles } from '../../src/render/standalone.ts';
import { fakeRenderer } from './fake-renderer.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/render');
const guidePath = path.join(fixtures, 'guide.mdx');
const brokenPath = path.join(fixtures, 'broken.mdx');

/** How an ASCII piece of HTML reads inside the compiled module's string literal. */
const inJs = (html: string): string => JSON.stringify(html).slice(1, -1);

async function compileMdx(file: string, renderer: DiagramRenderer, clientComponent?: string): Promise<string> {
  const processor = satteri({ mdastPlugins: [satteriMermaid({ renderer: () => renderer, standalones: new StandaloneFiles(), clientComponent })] });
  const mdx = await processor.createMdxRenderer!(
    { syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true },
    { optimize: false, srcDir: pathToFileURL(path.resolve('src') + '/'), sourcemap: false },
  );
  const { code } = await mdx.process(await readFile(file, 'utf8'), file, {});
  return code;
}

describe('a ```mermaid block compiled by Sätteri', () => {
  it('is titled from its meta and left to the browser with the client script when there is no Chromium', async () => {
    const seen: DiagramSource[] = [];
    const code = await compileMdx(guidePath, fakeRenderer('client', seen), 'ffe:diagram-client');
    expect(seen).toEqual([expect.objectContaining({ id: 'mdx-guide-1', title: 'Chemin d’une requête', description: 'Du navigateur au pod web.', readGraph: true })]);
    // Untouched HTML for Astro's <Fragment set:html>: no smart punctuation in the mermaid text.
    expect(code).toMatch(/_jsx\(Fragment, \{\s*"set:html": "<figure class=\\"ffe-diagram ffe-diagram--client\\"/);
    expect(code).toContain(inJs('browser["Navigateur"] --> traefik["Traefik"]'));
    expect(code).not.toContain('language-mermaid');
    expect(code).toContain('class: "language-js"');
    expect(code).toMatch(/import FfeDiagramClient from "ffe:diagram-client"/);
    expect(code).toMatch(/_jsx\(FfeDiagramClient, \{\}\)/);
  });
});

describe.skipIf(chromiumSkipReason !== undefined)(`Sätteri and Chromium ${chromiumSkipReason ?? ''}`, () => {
  const renderer = createDiagramRenderer({ cacheDir: false });
  afterAll(() => renderer.close());

  it('compiles the drawing, its link to the full-size file and its text version into the page', async () => {
    const code = await compileMdx(guidePath, renderer, 'ffe:diagram-client');
    expect(code).toContain(inJs('<svg id="mdx-guide-1"'));
    expect(code).toContain(inJs('href="/schemas/mdx-guide-1.svg"'));
    expect(code).toContain('mène à «');
    // The stylesheet as written: smart punctuation would turn `var(--…)` into `var(–…)`.
    expect(code).toContain('fill: var(--ffe-diagram-node-fill)');
    expect(code).not.toContain('FfeDiagramClient');
  });

  it('reports an invalid block with its file and line, in French, without a stack trace', async () => {
    await expect(compileMdx(brokenPath, renderer)).rejects.toMatchObject({
      name: 'AstroUserError',
      message: expect.stringMatching(/tests\/fixtures\/render\/broken\.mdx:5 : Le diagramme « mdx-broken-1 » n’a pas pu être dessiné par mermaid/),
      stack: '',
    });
  });
});
