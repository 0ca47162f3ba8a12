// `npm run diagrams:fit -- <dist>`: does every diagram of a built site keep to its budget, as a reader sees it in
// Chromium behind the production nginx configuration? Every page that shows a diagram is opened at 1280 × 900 (and
// on a 390 px phone with --phone); a diagram is over budget when its box scrolls sideways at 1280 px or when it is
// shown taller than two screens. Prints the figures per kind of page, the largest diagrams, and each one over budget;
// exit code 1 if any is. A measure, reusable on any build (FFE's, a fork's, FFE_MANIFESTS=…); not a test.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runMain } from './lib/cli.ts';
import { launchChromium } from './lib/site-chromium.ts';
import { DESKTOP, PHONE, routesWithDiagrams, measureDiagrams, type DiagramMeasure, type Viewport } from './lib/site-legibility.ts';
import { startSiteServer } from './lib/site-nginx.ts';

/** « at most about two screens tall »: two 900 px windows. */
export const HEIGHT_BUDGET = 2 * DESKTOP.height;

export interface FitReport {
  viewport: Viewport;
  pages: number;
  measures: DiagramMeasure[];
  /** Scroll sideways (box or page). */
  scrolling: DiagramMeasure[];
  /** Taller than the budget (desktop only). */
  tall: DiagramMeasure[];
}

export function fitReport(viewport: Viewport, pages: number, measures: DiagramMeasure[]): FitReport {
  return {
    viewport,
    pages,
    measures,
    scrolling: measures.filter((m) => m.overflows || m.pageOverflows),
    tall: viewport.width >= DESKTOP.width ? measures.filter((m) => m.shownHeight > HEIGHT_BUDGET) : [],
  };
}

const line = (m: DiagramMeasure): string =>
  `${m.route} « ${m.id} » : dessiné ${m.naturalWidth} × ${m.naturalHeight} px, affiché ${m.shownWidth} × ${m.shownHeight} px ` +
  `dans ${m.boxWidth} px${m.overflows ? ', défile' : ''}${m.pageOverflows ? ', la page défile' : ''}, étiquettes médianes ${m.medianLabelPx} px`;

export function describeFit(report: FitReport): string[] {
  const { measures, viewport } = report;
  const out = [
    `${viewport.width} × ${viewport.height} : ${measures.length} schémas sur ${report.pages} pages ; ` +
      `${report.scrolling.length} défilent de côté` +
      (viewport.width >= DESKTOP.width ? `, ${report.tall.length} plus hauts que ${HEIGHT_BUDGET} px` : ''),
  ];
  if (measures.length === 0) return out;
  const widest = Math.max(...measures.map((m) => m.naturalWidth));
  const tallest = Math.max(...measures.map((m) => m.shownHeight));
  const labels = Math.min(...measures.filter((m) => m.labels > 0).map((m) => m.medianLabelPx));
  out.push(`  le plus large dessiné ${widest} px, le plus haut affiché ${tallest} px, plus petite médiane d’étiquettes ${labels} px`);
  for (const m of [...report.scrolling, ...report.tall]) out.push(`  hors budget — ${line(m)}`);
  const seen = new Set<string>();
  const largest = [...measures].sort((a, b) => b.shownHeight * b.naturalWidth - a.shownHeight * a.naturalWidth).filter((m) => !seen.has(m.id) && seen.add(m.id));
  for (const m of largest.slice(0, 5)) out.push(`  parmi les plus grands — ${line(m)}`);
  return out;
}

export async function measureFit(distDir: string, viewports: readonly Viewport[]): Promise<FitReport[]> {
  const routes = routesWithDiagrams(distDir);
  const server = await startSiteServer(distDir);
  const browser = await launchChromium();
  try {
    const reports: FitReport[] = [];
    for (const viewport of viewports) reports.push(fitReport(viewport, routes.length, await measureDiagrams(browser, server.origin, routes, viewport)));
    return reports;
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--'));
  if (!dist || !existsSync(resolve(dist, 'index.html'))) {
    process.stderr.write('Usage : npm run diagrams:fit -- <dossier d’un site construit> [--phone] [--json]\n');
    return 2;
  }
  const reports = await measureFit(resolve(dist), args.includes('--phone') ? [DESKTOP, PHONE] : [DESKTOP]);
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else for (const report of reports) for (const text of describeFit(report)) process.stdout.write(`${text}\n`);
  const [desktop] = reports;
  return desktop.scrolling.length + desktop.tall.length > 0 ? 1 : 0;
}

if (import.meta.main) runMain('npm run diagrams:fit', main);
