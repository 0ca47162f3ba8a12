// The build-time figures of `npm run bench`: our site and a bare Starlight site with the same page count, each built
// cold (nothing cached: no diagram, no kustomize render, no content layer store, no history) then warm (everything
// cached), alternating so that a burst of load on the machine weighs on both; the ratios the issue sets targets for;
// the cost of a diagram; the cost of the Git history once cached (the warm build with and without it).
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { DIAGRAM_TABS } from '../../src/render/chromium-session.ts';
import type { RenderStats } from '../../src/render/mermaid.ts';
import { createBaseline } from './bench-baseline.ts';
import { PROJECT_ROOT, buildSite, type BuildResult } from './site-build.ts';
import { htmlFiles } from './site-dist.ts';

/** FFE's own site against a bare Starlight site whose pages are like ours (a few paragraphs and a YAML listing). */
export const BUILD_TARGETS = { coldRatio: 2, warmRatio: 1.5, msPerDiagram: 100, historyOverhead: 0.1 } as const;

export interface BuildFigures {
  pages: number;
  ours: { cold: number; warm: number; peakBytes: number };
  baseline: { cold: number; warm: number; peakBytes: number };
  /** What our cold build's renderer reported. */
  diagrams: RenderStats;
  /** Our warm build with the history read from its cache, and without any history (FFE_HISTORY=off). */
  history: { on: number; off: number };
  /** Where the warm build of our site is, for the other measures. */
  dist: string;
}

function check(result: BuildResult, what: string): BuildResult {
  if (result.code !== 0) throw new Error(`${what} a échoué :\n${result.output.slice(-3000)}`);
  return result;
}

/** Our own Astro caches (the content layer store), which a fresh clone does not have. */
function clearOurCaches(): void {
  rmSync(join(PROJECT_ROOT, 'node_modules/.astro'), { recursive: true, force: true });
}

/**
 * Each build timed ROUNDS times, alternating with the baseline, and the fastest kept: on a two-core machine one build
 * can vary by a few seconds with what else runs, and the very first build also pays for reading the toolchain from disk.
 */
export const ROUNDS = 2;

export async function benchBuilds(work: string, log: (line: string) => void = () => {}): Promise<BuildFigures> {
  const cacheDir = join(work, 'diagram-cache');
  const statsFile = join(work, 'diagram-stats.json');
  const env = { FFE_CACHE_DIR: cacheDir, FFE_DIAGRAM_STATS: statsFile };
  const cold = { ours: Infinity, baseline: Infinity };
  const warm = { ours: Infinity, baseline: Infinity };
  let baseline: ReturnType<typeof createBaseline> | undefined;
  let pages = 0;
  let diagrams: RenderStats | undefined;
  const peak = { ours: 0, baseline: 0 };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      clearOurCaches();
      rmSync(cacheDir, { recursive: true, force: true });
      log(`construction à froid du site (${round}/${ROUNDS})…`);
      const oursCold = check(await buildSite(join(work, 'cold'), env), 'la construction à froid');
      peak.ours = Math.max(peak.ours, oursCold.peakBytes);
      if (oursCold.milliseconds < cold.ours) {
        cold.ours = oursCold.milliseconds;
        diagrams = JSON.parse(readFileSync(statsFile, 'utf8')) as RenderStats;
      }
      pages = htmlFiles(join(work, 'cold')).length;
      baseline ??= createBaseline(pages);
      baseline.clearCaches();
      log(`construction à froid de la référence (${pages} pages Starlight nues, ${round}/${ROUNDS})…`);
      const reference = check(await baseline.build(join(baseline.root, 'dist-cold')), 'la construction à froid de la référence');
      cold.baseline = Math.min(cold.baseline, reference.milliseconds);
      peak.baseline = Math.max(peak.baseline, reference.peakBytes);
    }
    const dist = join(work, 'warm');
    const history = { on: Infinity, off: Infinity };
    for (let round = 1; round <= ROUNDS; round++) {
      log(`construction à chaud du site (${round}/${ROUNDS})…`);
      warm.ours = Math.min(warm.ours, check(await buildSite(dist, { FFE_CACHE_DIR: cacheDir }), 'la construction à chaud').milliseconds);
      log(`construction à chaud de la référence (${round}/${ROUNDS})…`);
      warm.baseline = Math.min(warm.baseline, check(await baseline!.build(join(baseline!.root, 'dist-warm')), 'la construction à chaud de la référence').milliseconds);
      // The history's cost, with its cache full (the cold builds filled it): the same warm build without it.
      log(`construction à chaud du site sans historique (${round}/${ROUNDS})…`);
      history.off = Math.min(history.off, check(await buildSite(join(work, 'warm-no-history'), { FFE_CACHE_DIR: cacheDir, FFE_HISTORY: 'off' }), 'la construction sans historique').milliseconds);
    }
    history.on = warm.ours;
    return { pages, ours: { cold: cold.ours, warm: warm.ours, peakBytes: peak.ours }, baseline: { cold: cold.baseline, warm: warm.baseline, peakBytes: peak.baseline }, diagrams: diagrams!, history, dist };
  } finally {
    baseline?.remove();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
const times = (ratio: number): string => `${ratio.toLocaleString('fr-FR', { maximumFractionDigits: 2 })}×`;
const mebibytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('fr-FR')} Mio`;
const verdict = (ok: boolean): string => (ok ? 'objectif atteint' : 'objectif manqué');

export function describeBuilds(f: BuildFigures): string[] {
  const coldRatio = f.ours.cold / f.baseline.cold;
  const warmRatio = f.ours.warm / f.baseline.warm;
  const drawn = Math.max(1, f.diagrams.rendered);
  const amortised = (f.ours.cold - f.ours.warm) / drawn;
  const historyOverhead = f.history.on / f.history.off - 1;
  const [load] = loadavg();
  return [
    `  ${f.pages} pages ; la plus rapide de ${ROUNDS} constructions de chaque sorte ; charge de la machine à la fin : ${load.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} (${availableParallelism()} cœurs : au-delà, les temps sont bruités)`,
    `                          à froid     à chaud`,
    `    Starlight nu         ${seconds(f.baseline.cold).padStart(8)}    ${seconds(f.baseline.warm).padStart(8)}`,
    `    ce site              ${seconds(f.ours.cold).padStart(8)}    ${seconds(f.ours.warm).padStart(8)}`,
    `    mémoire de pointe    ${mebibytes(f.baseline.peakBytes).padStart(8)}    ${mebibytes(f.ours.peakBytes).padStart(8)}   (Starlight nu, puis ce site, Chromium compris)`,
    `    rapport              ${times(coldRatio).padStart(8)}    ${times(warmRatio).padStart(8)}` +
      `   (cibles ≤ ${BUILD_TARGETS.coldRatio}× et ≤ ${BUILD_TARGETS.warmRatio}× : ${verdict(coldRatio <= BUILD_TARGETS.coldRatio)}, ${verdict(warmRatio <= BUILD_TARGETS.warmRatio)})`,
    `  schémas à froid : ${f.diagrams.rendered} dessinés (dont ceux tirés d’avance pendant l’assemblage) en ${f.diagrams.batches} allers-retours, ` +
      `Chromium lancé en ${seconds(f.diagrams.launchMs)}, ${seconds(f.diagrams.renderMs)} d’onglets occupés ` +
      `(${Math.round(f.diagrams.renderMs / drawn)} ms par schéma et par onglet, ${DIAGRAM_TABS} onglets au plus)`,
    `  coût d’un schéma amorti sur la construction ((froid − chaud) / dessinés) : ${Math.round(amortised)} ms ` +
      `(cible ≤ ${BUILD_TARGETS.msPerDiagram} ms : ${verdict(amortised <= BUILD_TARGETS.msPerDiagram)})`,
    `  historique Git (journal, « Historique » des ressources), cache plein : à chaud ${seconds(f.history.on)} avec, ${seconds(f.history.off)} sans (FFE_HISTORY=off), ` +
      `soit ${historyOverhead >= 0 ? '+' : '−'}${Math.abs(Math.round(historyOverhead * 100))} % (cible ≤ ${BUILD_TARGETS.historyOverhead * 100} % : ${verdict(historyOverhead <= BUILD_TARGETS.historyOverhead)})`,
  ];
}
