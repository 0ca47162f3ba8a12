// One page of each kind, picked from whatever the build produced (pages are added all the time): the e2e,
// accessibility and benchmark runs use the same picks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareText } from '../../src/infra/index.ts';
import { htmlFiles, routeOf } from './site-dist.ts';

export type PageKind = 'home' | 'manifesto' | 'architecture' | 'resource' | 'table' | 'journal';

export interface PagePick {
  kind: PageKind;
  route: string;
}

const RESOURCE_ROUTE = /^\/infra\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/$/;
const DIAGRAM_MARK = 'class="ffe-diagram';

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Pages of the build with their HTML, read once. */
export function readPages(distDir: string): { route: string; html: string }[] {
  return htmlFiles(distDir)
    .filter((file) => file !== '404.html')
    .map((file) => ({ route: routeOf(file), html: readFileSync(join(distDir, file), 'utf8') }));
}

/** The first page (in route order) matching `accept`, preferring one that shows a diagram. */
function pick(pages: { route: string; html: string }[], accept: (route: string) => boolean): string | undefined {
  const candidates = pages.filter((p) => accept(p.route));
  return (candidates.find((p) => p.html.includes(DIAGRAM_MARK)) ?? candidates[0])?.route;
}

export function pickPages(distDir: string): Record<PageKind, string | undefined> {
  const pages = readPages(distDir);
  const byRows = [...pages].sort((a, b) => count(b.html, '<tr') - count(a.html, '<tr') || compareText(a.route, b.route));
  return {
    home: pages.some((p) => p.route === '/') ? '/' : undefined,
    manifesto: pages.some((p) => p.route === '/manifeste/') ? '/manifeste/' : undefined,
    architecture: pick(pages, (route) => route.startsWith('/architecture/')),
    resource: pick(pages, (route) => RESOURCE_ROUTE.test(route)),
    table: byRows[0] && count(byRows[0].html, '<tr') > 0 ? byRows[0].route : undefined,
    journal: pages.some((p) => p.route === '/infra/journal/') ? '/infra/journal/' : undefined,
  };
}

/** Pages whose diagrams link their nodes to other pages (an <a href> inside an inline SVG diagram). */
export function pagesWithLinkedDiagrams(distDir: string): string[] {
  return readPages(distDir)
    .filter((p) => /class="ffe-diagram[^"]*"[\s\S]*?<svg[\s\S]*?<a [^>]*href="\//.test(p.html))
    .map((p) => p.route);
}
