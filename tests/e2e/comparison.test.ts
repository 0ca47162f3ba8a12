// The comparison page in Debian's Chromium: its tables fit the content column at 1280 and 390 px in both themes —
// long hosts and paths wrap, nothing is cut, nothing scrolls sideways — and axe finds nothing serious.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site-chromium.ts';
import { startSiteServer, type SiteServer } from '../../scripts/lib/site-nginx.ts';

const distDir = inject('distDir');
const ROUTE = '/infra/comparaison/';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer(distDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Tables wider than the content column, cells whose content overflows, and how far the page scrolls sideways. */
function layout(page: Page) {
  return page.evaluate(() => {
    const column = document.querySelector('.sl-markdown-content')!.getBoundingClientRect();
    const tables = [...document.querySelectorAll<HTMLTableElement>('.sl-markdown-content table')];
    const cut = tables.flatMap((t) => {
      const box = t.getBoundingClientRect();
      const wide = box.right > column.right + 1 || t.scrollWidth > t.clientWidth + 1 ? [`${t.getAttribute('aria-label')} : ${Math.round(box.width)} px`] : [];
      const cells = [...t.querySelectorAll('th, td')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `${t.getAttribute('aria-label')} : « ${c.textContent!.trim().slice(0, 40)} »`);
      return [...wide, ...cells];
    });
    return { tables: tables.length, cut, sideways: document.documentElement.scrollWidth - window.innerWidth };
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as { id: string; impact: string | null; nodes: { target: unknown }[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

describe('the comparison page', () => {
  for (const width of [1280, 390]) {
    it(`keeps every table inside the content column at ${width} px, in both themes${width === 1280 ? ', with no serious accessibility violation' : ''}`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        // axe is injected by the test, not by the site: the site's CSP rightly refuses it.
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(`${server.origin}${ROUTE}`);
        const report = await layout(page);
        const violations = width === 1280 ? await seriousViolations(page) : [];
        await context.close();
        expect(report.tables).toBeGreaterThanOrEqual(4);
        expect(report.cut, `${width} px, ${colorScheme}`).toEqual([]);
        expect(report.sideways).toBeLessThanOrEqual(0);
        expect(violations, colorScheme).toEqual([]);
      }
    });
  }
});
