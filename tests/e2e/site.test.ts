// The built site as a reader gets it: Debian's Chromium against the production nginx configuration (nginx/).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site-chromium.ts';
import { pageRoutes } from '../../scripts/lib/site-dist.ts';
import { startSiteServer, type SiteServer } from '../../scripts/lib/site-nginx.ts';
import { pagesWithLinkedDiagrams } from '../../scripts/lib/site-pages.ts';

const distDir = inject('distDir');
let server: SiteServer;
let browser: Browser;

/** Everything a page did that a reader or a privacy reviewer would care about. */
interface Journal {
  problems: string[];
  requests: string[];
}

async function openContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; journal: Journal }> {
  const context = await browser.newContext(options);
  const journal: Journal = { problems: [], requests: [] };
  context.on('request', (request) => journal.requests.push(request.url()));
  context.on('page', (page) => watch(page, journal));
  return { context, journal };
}

function watch(page: Page, journal: Journal): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      journal.problems.push(`${page.url()} — console ${message.type()} : ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => journal.problems.push(`${page.url()} — exception : ${error.message}`));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED: a request cancelled because the crawl moved on to the next page, not a failure.
    const error = request.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') journal.problems.push(`${page.url()} — échec : ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) journal.problems.push(`${page.url()} — ${response.status()} : ${response.url()}`);
  });
}

function foreignRequests(journal: Journal): string[] {
  return journal.requests.filter((url) => !url.startsWith(`${server.origin}/`) && !/^(data|blob):/.test(url));
}

beforeAll(async () => {
  server = await startSiteServer(distDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('every page of the site', () => {
  it('answers 200 and loads without a console error, a CSP violation or a request to another host', { timeout: 600_000 }, async () => {
    const routes = pageRoutes(distDir);
    expect(routes.length).toBeGreaterThan(3);
    const { context, journal } = await openContext();
    const page = await context.newPage();
    const statuses: string[] = [];
    for (const route of routes) {
      const response = await page.goto(`${server.origin}${route}`, { waitUntil: 'load' });
      if (response?.status() !== 200) statuses.push(`${route} → ${response?.status()}`);
    }
    await context.close();
    expect(statuses).toEqual([]);
    expect(journal.problems).toEqual([]);
    expect(foreignRequests(journal)).toEqual([]);
  });
});

describe('the nginx configuration', () => {
  it('sends the security headers, without unsafe-eval nor the server version', async () => {
    for (const path of ['/', '/manifeste/', '/page-qui-n-existe-pas/']) {
      const response = await fetch(`${server.origin}${path}`);
      const h = response.headers;
      const csp = h.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/'unsafe-eval'/);
      expect(h.get('strict-transport-security'), path).toMatch(/max-age=\d{8,}/);
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toBeTruthy();
      expect(h.get('permissions-policy'), path).toContain('camera=()');
      expect(h.get('server'), path).toBe('nginx');
    }
  });

  it('caches hashed assets for a year and pages not at all', async () => {
    const home = await fetch(`${server.origin}/`);
    const asset = (await home.text()).match(/(?:src|href)="(\/_astro\/[^"]+)"/)?.[1];
    expect(asset).toBeDefined();
    const cached = await fetch(`${server.origin}${asset}`);
    expect(cached.status).toBe(200);
    expect(cached.headers.get('cache-control')).toContain('max-age=31536000');
    expect(cached.headers.get('cache-control')).toContain('immutable');
    expect(cached.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers an unknown address with the French 404 page and a 404 status', async () => {
    const response = await fetch(`${server.origin}/page-qui-n-existe-pas/`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Page introuvable');
  });

  it('compresses pages for browsers that accept gzip', async () => {
    const response = await fetch(`${server.origin}/manifeste/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('diagrams', () => {
  it('are inline SVG, and clicking a node opens the page of its resource', async () => {
    const [route] = pagesWithLinkedDiagrams(distDir);
    expect(route, 'aucune page ne montre un schéma dont les nœuds sont des liens').toBeDefined();
    const { context, journal } = await openContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}${route}`);
    const node = page.locator('.ffe-diagram svg a[href]').filter({ visible: true }).first();
    await expect.poll(() => node.count()).toBe(1);
    const href = await node.getAttribute('href');
    expect(await page.locator('.ffe-diagram pre.mermaid, .ffe-diagram canvas, .ffe-diagram img').count()).toBe(0);
    const target = new URL(href ?? '', `${server.origin}${route}`).pathname;
    await Promise.all([page.waitForURL((url) => url.pathname === target), node.click()]);
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    await context.close();
    expect(journal.problems).toEqual([]);
  });

  it('change colour with the theme', async () => {
    const [route] = pagesWithLinkedDiagrams(distDir);
    expect(route).toBeDefined();
    const { context } = await openContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}${route}`);
    const colours = async (): Promise<string> =>
      page.evaluate(() => {
        const diagram = document.querySelector('.ffe-diagram');
        const svg = [...(diagram?.querySelectorAll('svg') ?? [])].find((s) => s.getBoundingClientRect().width > 0);
        const shape = svg?.querySelector('.node rect, .node polygon, .node path, .node circle');
        if (!svg || !shape) return 'aucun nœud visible';
        return `${getComputedStyle(shape).fill} / ${getComputedStyle(svg).backgroundColor}`;
      });
    const select = page.locator('starlight-theme-select select').filter({ visible: true }).first();
    await select.selectOption('light');
    const light = await colours();
    await select.selectOption('dark');
    const dark = await colours();
    expect(light).not.toBe('aucun nœud visible');
    expect(dark).not.toBe(light);
    await context.close();
  });
});

describe('search', () => {
  it('finds pages about « sauvegarde »', async () => {
    const { context, journal } = await openContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.locator('site-search button[data-open-modal]').filter({ visible: true }).first().click();
    await page.locator('dialog[open] .pagefind-ui__search-input').fill('sauvegarde');
    const results = page.locator('dialog[open] .pagefind-ui__result-link');
    await expect.poll(() => results.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = await results.first().textContent();
    expect(first?.trim()).toBeTruthy();
    await context.close();
    expect(journal.problems).toEqual([]);
    expect(foreignRequests(journal)).toEqual([]);
  });
});

describe('on a 390 px wide phone', () => {
  it('opens the menu and navigates from the manifesto to the glossary, without horizontal scrolling', async () => {
    const { context, journal } = await openContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.origin}/manifeste/`);
    const overflow = (): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const link = page.locator('#starlight__sidebar a[href="/glossaire/"]');
    expect(await link.isVisible()).toBe(false);
    await page.locator('button[popovertarget="starlight__sidebar"]').click();
    await expect.poll(() => link.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(`${server.origin}/glossaire/`), link.click()]);
    expect(await page.locator('h1').first().textContent()).toContain('Glossaire');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
    expect(journal.problems).toEqual([]);
  });
});
