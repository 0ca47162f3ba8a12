// How legible the diagrams of a built site are, as a reader sees them in Chromium: for every diagram figure of a page,
// whether its box scrolls sideways and the size its node labels are shown at (font size × the scale the SVG is drawn
// at, in CSS pixels). Shared by `npm run bench` and tests/site/diagram-legibility.test.ts.
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlFiles, pageRoutes, routeOf } from './site-dist.ts';

export type DiagramPageKind = 'architecture' | 'environment' | 'namespace' | 'resource' | 'other';

export interface Viewport {
  width: number;
  height: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 390, height: 844 };

/** The targets: no sideways scrolling at 1280 px, median labels of 12 px there and 10 px on a phone. */
export const TARGETS = { desktopMedianPx: 12, phoneMedianPx: 10 } as const;

export interface DiagramMeasure {
  route: string;
  kind: DiagramPageKind;
  id: string;
  /** Drawn width (the SVG's viewBox), CSS px. */
  naturalWidth: number;
  /** Width the SVG is shown at. */
  shownWidth: number;
  /** Width of the box it sits in (the content column). */
  boxWidth: number;
  /** Drawn height (the SVG's viewBox), CSS px. */
  naturalHeight: number;
  /** Height it is shown at: what a reader scrolls down through. */
  shownHeight: number;
  /** The box scrolls sideways. */
  overflows: boolean;
  labels: number;
  /** Median rendered font size of the node labels, CSS px. */
  medianLabelPx: number;
  /** The page itself (not the diagram's box) scrolls sideways. */
  pageOverflows: boolean;
}

const ENVIRONMENT = /^\/infra\/[^/]+\/$/;
const NAMESPACE = /^\/infra\/[^/]+\/[^/]+\/$/;
const RESOURCE = /^\/infra\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/$/;

export function pageKind(route: string): DiagramPageKind | undefined {
  if (route.startsWith('/architecture/')) return 'architecture';
  if (RESOURCE.test(route)) return 'resource';
  if (NAMESPACE.test(route)) return 'namespace';
  if (ENVIRONMENT.test(route)) return 'environment';
  return undefined;
}

/** Every page of the build that shows a diagram, whatever its kind (the home page, a fork's own pages…). */
export function routesWithDiagrams(distDir: string): string[] {
  return htmlFiles(distDir)
    .filter((file) => file !== '404.html' && readFileSync(join(distDir, file), 'utf8').includes('<figure class="ffe-diagram'))
    .map(routeOf);
}

/**
 * The pages to measure: every architecture, environment and namespace page, and `resourceSample` resource pages (all
 * of them when undefined) taken one kind after another (a Deployment, an Ingress, a Secret…), so the sample covers
 * the shapes of neighbourhood diagrams rather than one kind many times. Pages without a diagram measure nothing.
 */
export function legibilityRoutes(distDir: string, resourceSample?: number): string[] {
  const routes = pageRoutes(distDir).filter((route) => pageKind(route) !== undefined);
  const resources = routes.filter((route) => pageKind(route) === 'resource');
  let picked = resources;
  if (resourceSample !== undefined && resourceSample < resources.length) {
    const byKind = new Map<string, string[]>();
    for (const route of resources) {
      const kind = route.split('/')[4];
      byKind.set(kind, [...(byKind.get(kind) ?? []), route]);
    }
    const queues = [...byKind.values()];
    picked = [];
    for (let round = 0; picked.length < resourceSample; round++) {
      for (const queue of queues) if (queue[round] && picked.length < resourceSample) picked.push(queue[round]);
    }
  }
  return [...routes.filter((route) => pageKind(route) !== 'resource'), ...picked];
}

/** Runs in the page: one measure per diagram figure. */
function measurePage(): Omit<DiagramMeasure, 'route' | 'kind'>[] {
  const median = (values: number[]): number => {
    if (values.length === 0) return 0;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const pageOverflows = document.documentElement.scrollWidth > window.innerWidth + 1;
  return Array.from(document.querySelectorAll<HTMLElement>('figure.ffe-diagram')).map((figure) => {
    const box = figure.querySelector<HTMLElement>('.ffe-diagram__scroll') ?? figure;
    const svg = figure.querySelector('svg');
    const naturalWidth = svg?.viewBox.baseVal?.width ?? 0;
    const shownWidth = svg?.getBoundingClientRect().width ?? 0;
    const naturalHeight = svg?.viewBox.baseVal?.height ?? 0;
    const shownHeight = svg?.getBoundingClientRect().height ?? 0;
    const scale = naturalWidth > 0 ? shownWidth / naturalWidth : 0;
    const labels = svg ? Array.from(svg.querySelectorAll('.node .label text, .node text')) : [];
    const sizes = [...new Set(labels)].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale);
    return {
      id: figure.dataset.diagram ?? '',
      naturalWidth: Math.round(naturalWidth),
      shownWidth: Math.round(shownWidth),
      boxWidth: Math.round(box.clientWidth),
      naturalHeight: Math.round(naturalHeight),
      shownHeight: Math.round(shownHeight),
      overflows: box.scrollWidth > box.clientWidth + 1,
      labels: sizes.length,
      medianLabelPx: Math.round(median(sizes) * 10) / 10,
      pageOverflows,
    };
  });
}

/** Opens each route at the viewport and measures its diagrams. */
export async function measureDiagrams(browser: Browser, origin: string, routes: readonly string[], viewport: Viewport): Promise<DiagramMeasure[]> {
  const context = await browser.newContext({ viewport, ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
  const out: DiagramMeasure[] = [];
  try {
    const page = await context.newPage();
    for (const route of routes) {
      await page.goto(`${origin}${route}`, { waitUntil: 'load' });
      const kind = pageKind(route) ?? 'other';
      for (const measure of await page.evaluate(measurePage)) out.push({ route, kind, ...measure });
    }
  } finally {
    await context.close();
  }
  return out;
}

export interface KindSummary {
  kind: DiagramPageKind;
  diagrams: number;
  overflowing: number;
  /** The smallest median label size among the diagrams of that kind of page. */
  worstMedianPx: number;
}

export function summarise(measures: readonly DiagramMeasure[]): KindSummary[] {
  const kinds: DiagramPageKind[] = ['architecture', 'environment', 'namespace', 'resource', 'other'];
  return kinds
    .map((kind) => {
      const of = measures.filter((m) => m.kind === kind);
      return {
        kind,
        diagrams: of.length,
        overflowing: of.filter((m) => m.overflows).length,
        worstMedianPx: of.length ? Math.min(...of.map((m) => m.medianLabelPx)) : 0,
      };
    })
    .filter((s) => s.diagrams > 0);
}

/** One line per diagram, for failure messages and the bench: « /architecture/ overview-production : 1298 px … ». */
export function describeMeasure(m: DiagramMeasure): string {
  return `${m.route} « ${m.id} » : dessiné ${m.naturalWidth} px, affiché ${m.shownWidth} px dans ${m.boxWidth} px${m.overflows ? ' (défile)' : ''}, étiquettes médianes ${m.medianLabelPx} px`;
}
