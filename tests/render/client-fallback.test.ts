// The client-side fallback, run in Chromium as a reader's browser would: the page holds the figures figure.ts writes
// for diagrams left to the browser and loads src/render/client.ts (bundled here with esbuild, as Astro would);
// mermaid comes from the package's own ESM bundle.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumCandidates, lookupChromium } from '../../src/render/chromium.ts';
import { diagramFigureHtml } from '../../src/render/figure.ts';
import { DIAGRAM_COLOURS } from '../../src/render/palette.ts';
import { chromiumSkipReason, testChromium } from './chromium-guard.ts';

const root = path.resolve(import.meta.dirname, '../..');
const ORIGIN = 'http://ffe.test';

const generated = diagramFigureHtml(
  {
    kind: 'client',
    id: 'web/flow',
    title: 'Flux web',
    description: 'Du service au déploiement.',
    code: 'flowchart LR\n  svc["Service web"] --> deploy["Deployment web"]\n  click deploy href "/infra/web/deployment/web/"',
  },
  {
    graph: {
      nodes: [
        { key: 'svc', label: 'Service web', cls: 'service' },
        { key: 'deploy', label: 'Deployment web', cls: 'workload', href: '/infra/web/deployment/web/' },
      ],
      edges: [{ from: 'svc', to: 'deploy', meaning: 'envoie le trafic à' }],
      groups: [],
    },
  },
);
const handWritten = diagramFigureHtml({
  kind: 'client',
  id: 'mdx-guide-1',
  title: 'Chemin d’une requête',
  description: '',
  code: 'flowchart LR\n  browser["Navigateur"] -->|"HTTPS"| pod["Pod web"]',
  readGraph: true,
});

const page = `<!doctype html><html lang="fr" data-theme="light"><head><meta charset="utf-8">
<link rel="stylesheet" href="/diagram.css">
<script type="importmap">{"imports":{"mermaid":"/mermaid/mermaid.esm.min.mjs"}}</script></head>
<body>${generated}${handWritten}<script type="module">import { startClientDiagrams } from '/client.js';
window.ready = startClientDiagrams();</script></body></html>`;

let clientBundle = '';

async function serve(url: URL): Promise<{ body: string; contentType: string } | undefined> {
  if (url.pathname === '/') return { body: page, contentType: 'text/html' };
  if (url.pathname === '/client.js') return { body: clientBundle, contentType: 'text/javascript' };
  if (url.pathname === '/diagram.css') return { body: await readFile(path.join(root, 'src/render/diagram.css'), 'utf8'), contentType: 'text/css' };
  if (url.pathname.startsWith('/mermaid/')) {
    const file = path.join(root, 'node_modules/mermaid/dist', url.pathname.slice('/mermaid/'.length));
    return { body: await readFile(file, 'utf8'), contentType: 'text/javascript' };
  }
  return undefined;
}

/** `#rrggbb` as getComputedStyle writes it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe.skipIf(chromiumSkipReason !== undefined)(`client-side fallback ${chromiumSkipReason ?? ''}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    const bundled = await build({
      entryPoints: [path.join(root, 'src/render/client.ts')],
      bundle: true,
      format: 'esm',
      write: false,
      external: ['mermaid'],
      logLevel: 'silent',
    });
    clientBundle = bundled.outputFiles[0].text;
    const executablePath = lookupChromium(chromiumCandidates(testChromium, undefined), existsSync).found;
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  });
  afterAll(() => browser?.close());

  it('draws each block once, in colours the page theme changes without drawing again', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await tab.route('**/*', async (route) => {
      const found = await serve(new URL(route.request().url())).catch(() => undefined);
      if (found) await route.fulfill({ body: found.body, contentType: found.contentType });
      else await route.abort();
    });
    await tab.goto(`${ORIGIN}/`);
    await tab.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
    expect(errors).toEqual([]);

    const figure = tab.locator('figure[data-diagram="web/flow"]');
    const drawn = await figure.locator('svg').evaluate((svg) => ({
      title: svg.querySelector('title')?.textContent,
      href: svg.querySelector('a')?.getAttribute('href'),
      text: svg.textContent,
    }));
    expect(drawn.title).toBe('Flux web');
    expect(drawn.href).toBe('/infra/web/deployment/web/');
    expect(drawn.text).toContain('Service web');

    const nodeFill = () => figure.locator('svg .node rect').first().evaluate((rect) => getComputedStyle(rect).fill);
    const fill = DIAGRAM_COLOURS.find((c) => c.role === 'node-fill')!;
    expect(await nodeFill()).toBe(rgb(fill.light));
    await tab.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    expect(await nodeFill()).toBe(rgb(fill.dark));
    expect(await tab.locator('svg').count()).toBe(2);
    await tab.close();
  });

  it('fills the text version of a hand-written block from mermaid’s parser, and keeps a view’s own', async () => {
    const tab = await browser.newPage();
    await tab.route('**/*', async (route) => {
      const found = await serve(new URL(route.request().url())).catch(() => undefined);
      if (found) await route.fulfill({ body: found.body, contentType: found.contentType });
      else await route.abort();
    });
    await tab.goto(`${ORIGIN}/`);
    await tab.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
    const texts = await tab.locator('details.ffe-diagram__text').allTextContents();
    expect(texts[0]).toContain('«\u00a0Service web\u00a0» envoie le trafic à «\u00a0Deployment web\u00a0».');
    expect(texts[1]).toContain('«\u00a0Navigateur\u00a0» mène à «\u00a0Pod web\u00a0» (HTTPS).');
    expect(await tab.locator('details[data-pending]').count()).toBe(0);
    await tab.close();
  });
});
