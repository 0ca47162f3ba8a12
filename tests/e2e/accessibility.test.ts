// axe-core on one page of each kind, in Debian's Chromium, served by the production nginx configuration.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site-chromium.ts';
import { startSiteServer, type SiteServer } from '../../scripts/lib/site-nginx.ts';
import { pickPages, type PageKind } from '../../scripts/lib/site-pages.ts';

const distDir = inject('distDir');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const picks = pickPages(distDir);
let server: SiteServer;
let browser: Browser;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

beforeAll(async () => {
  server = await startSiteServer(distDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const KINDS: PageKind[] = ['home', 'manifesto', 'architecture', 'resource', 'table', 'journal'];

describe('accessibility (axe-core)', () => {
  for (const kind of KINDS) {
    it(`finds no serious or critical violation on the ${kind} page, in both themes`, async () => {
      const route = picks[kind];
      expect(route, `aucune page de type « ${kind} » dans ${distDir}`).toBeDefined();
      for (const theme of ['light', 'dark'] as const) {
        // axe is injected by the test, not by the site: the site's CSP rightly refuses it.
        const context = await browser.newContext({ bypassCSP: true, colorScheme: theme });
        const page = await context.newPage();
        await page.goto(`${server.origin}${route}`);
        await page.evaluate(axeSource);
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations;
        })) as Violation[];
        await context.close();
        const grave = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${theme} ${route} — ${v.id} (${v.impact}) : ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
        expect(grave).toEqual([]);
      }
    });
  }
});
