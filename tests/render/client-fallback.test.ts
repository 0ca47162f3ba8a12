// The client-side fallback, run in Chromium as a reader's browser would: the page holds the markup emitted by
// markup.ts and loads src/render/client.ts as an ES module; mermaid comes from the package's own ESM bundle.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumCandidates, lookupChromium } from '../../src/render/chromium.ts';
import { diagramHtml } from '../../src/render/markup.ts';
import { chromiumSkipReason } from './chromium-guard.ts';

const root = path.resolve(import.meta.dirname, '../..');
const ORIGIN = 'http://ffe.test';

const markup = diagramHtml({
  kind: 'client',
  id: 'web/flow',
  title: 'Flux web',
  description: 'Du service au déploiement.',
  code: 'flowchart LR\n  svc["Service web"] --> deploy["Deployment web"]\n  click deploy href "/infra/web/deployment/web/"',
});

const page = `<!doctype html><html lang="fr" data-theme="light"><head><meta charset="utf-8">
<script type="importmap">{"imports":{"mermaid":"/mermaid/mermaid.esm.min.mjs"}}</script></head>
<body>${markup}<script type="module">import { startClientDiagrams } from '/render/client.ts';
window.ready = startClientDiagrams();</script></body></html>`;

async function serve(url: URL): Promise<{ body: string; contentType: string } | undefined> {
  if (url.pathname === '/') return { body: page, contentType: 'text/html' };
  if (url.pathname.startsWith('/render/')) {
    const source = await readFile(path.join(root, 'src', url.pathname), 'utf8');
    return { body: stripTypeScriptTypes(source), contentType: 'text/javascript' };
  }
  if (url.pathname.startsWith('/mermaid/')) {
    const file = path.join(root, 'node_modules/mermaid/dist', url.pathname.slice('/mermaid/'.length));
    return { body: await readFile(file, 'utf8'), contentType: 'text/javascript' };
  }
  return undefined;
}

describe.skipIf(chromiumSkipReason !== undefined)(`client-side fallback ${chromiumSkipReason ?? ''}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    const executablePath = lookupChromium(chromiumCandidates(process.env, undefined), existsSync).found;
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  });
  afterAll(() => browser?.close());

  it('draws the <pre class="mermaid"> block with the theme of the page and redraws it on theme change', async () => {
    const tab = await browser.newPage();
    await tab.route('**/*', async (route) => {
      const found = await serve(new URL(route.request().url())).catch(() => undefined);
      if (found) await route.fulfill({ body: found.body, contentType: found.contentType });
      else await route.abort();
    });
    await tab.goto(`${ORIGIN}/`);
    await tab.waitForFunction(() => document.querySelector('pre.mermaid svg') !== null);

    const light = await tab.locator('pre.mermaid svg').evaluate((svg) => ({
      id: svg.id,
      title: svg.querySelector('title')?.textContent,
      href: svg.querySelector('a')?.getAttribute('href'),
      text: svg.textContent,
    }));
    expect(light.id).toMatch(/-light$/);
    expect(light.title).toBe('Flux web');
    expect(light.href).toBe('/infra/web/deployment/web/');
    expect(light.text).toContain('Service web');

    await tab.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await tab.waitForFunction(() => document.querySelector('pre.mermaid svg')?.id.endsWith('-dark'));
    expect(await tab.locator('pre.mermaid svg').count()).toBe(1);
    await tab.close();
  });
});
