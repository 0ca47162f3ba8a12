// Diagrams as a reader sees them, in Chromium behind the production nginx configuration: legible without sideways
// scrolling at 1280 px, legible on a phone (where the box may scroll, with a cue), and a full-size file that follows
// the system's colour scheme and fetches nothing. Figures for every page are in `npm run bench`.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/site-chromium.ts';
import {
  DESKTOP,
  PHONE,
  TARGETS,
  describeMeasure,
  legibilityRoutes,
  measureDiagrams,
  type DiagramMeasure,
} from '../../scripts/lib/site-legibility.ts';
import { startSiteServer, type SiteServer } from '../../scripts/lib/site-nginx.ts';
import { DIAGRAM_COLOURS } from '../../src/render/palette.ts';
import { LABEL_FONT_PX } from '../../src/render/theme.ts';

const distDir = inject('distDir');
/** All architecture, environment and namespace pages, and this many resource pages of different kinds. */
const RESOURCE_SAMPLE = 8;
let server: SiteServer;
let browser: Browser;
let desktop: DiagramMeasure[] = [];
let phone: DiagramMeasure[] = [];

beforeAll(async () => {
  server = await startSiteServer(distDir);
  browser = await launchChromium();
  const routes = legibilityRoutes(distDir, RESOURCE_SAMPLE);
  desktop = await measureDiagrams(browser, server.origin, routes, DESKTOP);
  phone = await measureDiagrams(browser, server.origin, routes, PHONE);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const list = (measures: DiagramMeasure[]): string => measures.map((m) => `\n  ${describeMeasure(m)}`).join('');

describe('diagrams at 1280 × 900', () => {
  it('are measured on every kind of page', () => {
    expect(new Set(desktop.map((m) => m.kind))).toEqual(new Set(['architecture', 'environment', 'namespace', 'resource']));
  });

  it('never scroll sideways', () => {
    const scrolling = desktop.filter((m) => m.overflows || m.pageOverflows);
    const column = Math.max(...desktop.map((m) => m.boxWidth));
    const widest = Math.floor((column * LABEL_FONT_PX) / TARGETS.desktopMedianPx);
    expect(
      scrolling,
      `${scrolling.length} schéma(s) sur ${desktop.length} défilent horizontalement à 1280 px ` +
        `(colonne de ${column} px : un schéma dessiné sur plus de ${widest} px ne peut y tenir avec des étiquettes de ${TARGETS.desktopMedianPx} px) :${list(scrolling)}`,
    ).toEqual([]);
  });

  it(`show their labels at ${TARGETS.desktopMedianPx} px or more (median per diagram)`, () => {
    const small = desktop.filter((m) => m.labels === 0 || m.medianLabelPx < TARGETS.desktopMedianPx);
    expect(small, `étiquettes trop petites à 1280 px :${list(small)}`).toEqual([]);
  });
});

describe('diagrams on a 390 px phone', () => {
  it(`show their labels at ${TARGETS.phoneMedianPx} px or more (median per diagram)`, () => {
    const small = phone.filter((m) => m.labels === 0 || m.medianLabelPx < TARGETS.phoneMedianPx);
    expect(small, `étiquettes trop petites à 390 px :${list(small)}`).toEqual([]);
  });

  it('scroll inside their own box, never the page, and the box shows it can scroll', async () => {
    expect(phone.filter((m) => m.pageOverflows).map((m) => `${m.route} « ${m.id} »`)).toEqual([]);
    const wide = phone.find((m) => m.overflows);
    if (!wide) return;
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.origin}${wide.route}`);
    const box = page.locator(`figure[data-diagram="${wide.id}"] .ffe-diagram__scroll`);
    // The cue: shadows drawn by the box's own background, on the side that hides more of the drawing.
    const background = await box.evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(background).toContain('radial-gradient');
    expect(await box.getAttribute('tabindex')).toBe('0');
    // Over the drawing (which covers those shadows), the edge with more to see fades out, and stops once at that end.
    const fades = () => box.evaluate((el) => ['::before', '::after'].map((edge) => getComputedStyle(el.parentElement!, edge).opacity));
    expect(await fades()).toEqual(['0', '1']);
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth, behavior: 'instant' }));
    await expect.poll(fades).toEqual(['1', '0']);
    const fitting = phone.find((m) => !m.overflows);
    if (fitting) {
      await page.goto(`${server.origin}${fitting.route}`);
      const still = page.locator(`figure[data-diagram="${fitting.id}"] .ffe-diagram__view`);
      expect(await still.evaluate((el) => getComputedStyle(el, '::after').opacity)).toBe('0');
    }
    await context.close();
  });
});

describe('the full-size file of a diagram', () => {
  it('opens alone, fetches nothing else, and follows the system’s colour scheme', async () => {
    const [first] = desktop;
    const href = `/schemas/${first.id}.svg`;
    const fill = DIAGRAM_COLOURS.find((c) => c.role === 'node-fill')!;
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    for (const [scheme, expected] of [['light', fill.light], ['dark', fill.dark]] as const) {
      const context = await browser.newContext({ colorScheme: scheme });
      const requests: string[] = [];
      context.on('request', (request) => requests.push(new URL(request.url()).pathname));
      const page = await context.newPage();
      const response = await page.goto(`${server.origin}${href}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toContain('image/svg+xml');
      const state = await page.evaluate(() => ({
        root: document.documentElement.localName,
        errors: document.getElementsByTagName('parsererror').length,
        fill: getComputedStyle(document.querySelector('.node rect, .node polygon, .node path')!).fill,
      }));
      expect(state).toEqual({ root: 'svg', errors: 0, fill: rgb(expected) });
      expect(requests).toEqual([href]);
      await context.close();
    }
  });
});
