// The site section of `npm run bench`: build times against a bare Starlight site (cold: nothing cached; warm: cache
// reused), how legible the diagrams are at 1280 and 390 px, bytes per page,
// JavaScript a reader downloads before opening the search, and Lighthouse scores in Debian's Chromium, the built
// site served by the production nginx configuration. Also runnable alone: `node scripts/bench-site.ts`.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../src/render/chromium.ts';
import { toolSettings } from '../src/site/settings.ts';
import { runMain } from './lib/cli.ts';
import { benchBuilds, describeBuilds } from './lib/bench-builds.ts';
import { benchLargeRepository, benchScaling, describeLarge, describeScaling } from './lib/bench-scale.ts';
import { benchLegibility } from './lib/bench-legibility.ts';
import { chromiumPath, launchChromium } from './lib/site-chromium.ts';
import { htmlFiles } from './lib/site-dist.ts';
import { startSiteServer, type SiteServer } from './lib/site-nginx.ts';
import { pickPages } from './lib/site-pages.ts';

type Write = (line: string) => void;

const kb = (bytes: number): string => `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Uncompressed bytes a page references: its HTML, its stylesheets, its scripts (inline and files). */
export function pageWeights(distDir: string): { html: number[]; css: number[]; js: number[]; diagramScripts: string[] } {
  const size = (path: string): number => readFileSync(join(distDir, path)).length;
  const html: number[] = [];
  const css: number[] = [];
  const js: number[] = [];
  const diagramScripts = new Set<string>();
  for (const file of htmlFiles(distDir)) {
    const text = readFileSync(join(distDir, file), 'utf8');
    html.push(Buffer.byteLength(text));
    const sheets = [...text.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="(\/[^"]+)"/g)].map((m) => m[1]);
    css.push(sheets.reduce((sum, href) => sum + size(href), 0) + [...text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].reduce((s, m) => s + Buffer.byteLength(m[1]), 0));
    let scripts = 0;
    for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const src = m[1].match(/src="(\/[^"]+)"/)?.[1];
      const code = src ? readFileSync(join(distDir, src), 'utf8') : m[2];
      scripts += Buffer.byteLength(code);
      if (/mermaid/i.test(code)) diagramScripts.add(src ?? `${file} (script en ligne)`);
    }
    js.push(scripts);
  }
  return { html, css, js, diagramScripts: [...diagramScripts].sort() };
}

/** Bytes transferred (compressed, as nginx sends them) to load a page, and the JavaScript part of it. */
async function transferred(server: SiteServer, routes: string[]): Promise<Map<string, { total: number; js: number }>> {
  const browser = await launchChromium();
  const out = new Map<string, { total: number; js: number }>();
  try {
    for (const route of routes) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const responses: Promise<{ bytes: number; js: boolean }>[] = [];
      page.on('requestfinished', (request) => {
        responses.push(
          request.sizes().then((s) => ({ bytes: s.responseBodySize + s.responseHeadersSize, js: request.resourceType() === 'script' || /\.m?js$/.test(new URL(request.url()).pathname) })),
        );
      });
      await page.goto(`${server.origin}${route}`, { waitUntil: 'networkidle' });
      const all = await Promise.all(responses);
      out.set(route, { total: all.reduce((s, r) => s + r.bytes, 0), js: all.filter((r) => r.js).reduce((s, r) => s + r.bytes, 0) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

async function lighthouseScores(server: SiteServer, routes: string[]): Promise<Map<string, Record<string, number | null>>> {
  const chrome = await launch({ chromePath: chromiumPath(), chromeFlags: ['--headless=new', ...CHROMIUM_ARGS] });
  const out = new Map<string, Record<string, number | null>>();
  try {
    for (const route of routes) {
      const result = await lighthouse(`${server.origin}${route}`, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: [...CATEGORIES] });
      const categories = result?.lhr.categories ?? {};
      out.set(route, Object.fromEntries(CATEGORIES.map((c) => [c, categories[c]?.score == null ? null : Math.round((categories[c].score ?? 0) * 100)])));
    }
  } finally {
    chrome.kill();
  }
  return out;
}

export async function benchSite(write: Write): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ffe-bench-site-'));
  try {
    write('Site (construction comparée à Starlight nu, lisibilité des schémas, poids des pages, Lighthouse)');
    // FFE_BENCH_DIST=<built site>: measure that build only, without timing new builds.
    const given = toolSettings().benchDist;
    let dist = given ?? '';
    if (!given) {
      const progress = (line: string) => process.stderr.write(`  (${line})\n`);
      const builds = await benchBuilds(work, progress);
      for (const line of describeBuilds(builds)) write(line);
      for (const line of describeLarge(await benchLargeRepository(work, progress))) write(line);
      for (const line of describeScaling(await benchScaling(work, progress))) write(line);
      dist = builds.dist;
      // nginx reads the site as an unprivileged user.
      chmodSync(work, 0o755);
    }

    const weights = pageWeights(dist);
    write(`  ${weights.html.length} pages — octets référencés par page, non compressés (médiane / max) :`);
    for (const [label, values] of [['HTML', weights.html], ['CSS', weights.css], ['JS', weights.js]] as const) {
      write(`    ${label.padEnd(5)} ${kb(median(values)).padStart(10)} / ${kb(Math.max(...values))}`);
    }
    write(`  JavaScript des schémas : ${weights.diagramScripts.length === 0 ? 'aucun (objectif atteint)' : weights.diagramScripts.join(', ')}`);

    const picks = pickPages(dist);
    const routes = [picks.home, picks.manifesto, picks.architecture].filter((r): r is string => r !== undefined);
    if (!picks.architecture) write('  (aucune page /architecture/ : Lighthouse sans page d’architecture)');
    const server = await startSiteServer(dist);
    try {
      for (const line of await benchLegibility(server.origin, dist)) write(line);
      const sent = await transferred(server, routes);
      write('  transféré au chargement (gzip, recherche non ouverte) :');
      for (const [route, t] of sent) {
        const target = route === picks.manifesto ? (t.total < 100 * 1024 ? '  (< 100 Ko : objectif atteint)' : '  (objectif : < 100 Ko)') : '';
        write(`    ${route.padEnd(40)} total ${kb(t.total).padStart(9)}, dont JavaScript ${kb(t.js)}${target}`);
      }
      write('  Lighthouse (performance / accessibilité / bonnes pratiques / SEO ; objectif 100) :');
      for (const [route, scores] of await lighthouseScores(server, routes)) {
        write(`    ${route.padEnd(40)} ${CATEGORIES.map((c) => String(scores[c] ?? '—').padStart(3)).join(' / ')}`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  runMain('bench-site', async () => {
    await benchSite((line) => process.stdout.write(`${line}\n`));
    return 0;
  });
}
