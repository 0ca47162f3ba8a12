// The large repositories of `npm run bench`: a generated repository of home-ops' shape (scripts/lib/home-ops.ts: 80
// applications, about 630 resources, one environment, as bjw-s-labs/home-ops) built cold, side by side with a bare
// Starlight site of the same page count, with the peak memory of each build; then the cost per page and per diagram as
// the repository grows (×1, ×4, ×16 applications). Each build starts cold: no content store, no kustomize render, no
// diagram kept from another.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RenderStats } from '../../src/render/mermaid.ts';
import { createBaseline } from './bench-baseline.ts';
import { homeOpsRepository } from './home-ops.ts';
import { PROJECT_ROOT, buildSite, type BuildResult } from './site-build.ts';
import { htmlFiles } from './site-dist.ts';

export const LARGE_TARGET = { coldRatio: 2.5 } as const;
/** Applications of the large repository: bjw-s-labs/home-ops has 79 HelmReleases. */
export const LARGE_APPLICATIONS = 80;
/** The scaling series, in applications: ×1, ×4, ×16. */
export const SERIES = [10, 40, 160] as const;
const ROUNDS = 2;

/** Writes the generated repository into `dir`, a Git repository with an origin remote, as a user's clone is. */
export function writeHomeOps(dir: string, applications: number): string {
  rmSync(dir, { recursive: true, force: true });
  for (const file of homeOpsRepository({ applications })) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'https://github.com/example/home-ops']);
  return dir;
}

function check(result: BuildResult, what: string): BuildResult {
  if (result.code !== 0) throw new Error(`${what} a échoué :\n${result.output.slice(-3000)}`);
  return result;
}

interface RepositoryBuild {
  result: BuildResult;
  pages: number;
  diagrams: RenderStats;
}

/** A cold build of the site for the repository at `repo`: Astro's store, kustomize renders and diagrams forgotten. */
async function coldBuild(work: string, repo: string, name: string): Promise<RepositoryBuild> {
  const cache = join(work, `${name}-cache`);
  const stats = join(work, `${name}-stats.json`);
  const dist = join(work, `${name}-dist`);
  rmSync(join(PROJECT_ROOT, 'node_modules/.astro'), { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  const result = check(await buildSite(dist, { FFE_MANIFESTS: repo, FFE_ALLOW_ERRORS: '1', FFE_CACHE_DIR: cache, FFE_DIAGRAM_STATS: stats }), `la construction du site de ${name}`);
  const pages = htmlFiles(dist).length;
  const diagrams = JSON.parse(readFileSync(stats, 'utf8')) as RenderStats;
  rmSync(dist, { recursive: true, force: true });
  return { result, pages, diagrams };
}

export interface LargeFigures {
  applications: number;
  pages: number;
  ours: { cold: number; peakBytes: number };
  baseline: { cold: number; peakBytes: number };
  diagrams: RenderStats;
}

/** The large repository against a bare Starlight site of as many pages, cold, the fastest of ROUNDS each, alternating. */
export async function benchLargeRepository(work: string, log: (line: string) => void = () => {}): Promise<LargeFigures> {
  const repo = writeHomeOps(join(work, 'home-ops'), LARGE_APPLICATIONS);
  let ours: RepositoryBuild | undefined;
  let baseline: ReturnType<typeof createBaseline> | undefined;
  const bare = { cold: Infinity, peakBytes: 0 };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      log(`grand dépôt : construction à froid du site (${round}/${ROUNDS})…`);
      const built = await coldBuild(work, repo, 'home-ops');
      if (!ours || built.result.milliseconds < ours.result.milliseconds) ours = built;
      baseline ??= createBaseline(built.pages);
      baseline.clearCaches();
      log(`grand dépôt : construction à froid de la référence (${built.pages} pages, ${round}/${ROUNDS})…`);
      const reference = check(await baseline.build(join(baseline.root, 'dist-cold')), 'la construction de la référence');
      if (reference.milliseconds < bare.cold) Object.assign(bare, { cold: reference.milliseconds, peakBytes: reference.peakBytes });
    }
  } finally {
    baseline?.remove();
  }
  return {
    applications: LARGE_APPLICATIONS,
    pages: ours!.pages,
    ours: { cold: ours!.result.milliseconds, peakBytes: ours!.result.peakBytes },
    baseline: bare,
    diagrams: ours!.diagrams,
  };
}

export interface ScalingRow {
  applications: number;
  resources: number;
  pages: number;
  ms: number;
  peakBytes: number;
  diagrams: RenderStats;
}

/**
 * The resources the build's summary line counts (« — 1 234 ressources (environnements : …) »): French figures group
 * thousands with a narrow no-break space, and a no-break space joins the figure to its word.
 */
function resourcesInLog(output: string): number {
  const figure = /— ([\d\u202f\u00a0 ]+?)[\u00a0 ]ressources? \(environnements/.exec(output)?.[1];
  return figure ? Number(figure.replace(/\D/g, '')) : 0;
}

/** One cold build per size of the series: what a page and a diagram cost as the repository grows. */
export async function benchScaling(work: string, log: (line: string) => void = () => {}): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const applications of SERIES) {
    const repo = writeHomeOps(join(work, `series-${applications}`), applications);
    log(`série : ${applications} applications, construction à froid…`);
    const built = await coldBuild(work, repo, `series-${applications}`);
    const resources = resourcesInLog(built.result.output);
    rows.push({ applications, resources, pages: built.pages, ms: built.result.milliseconds, peakBytes: built.result.peakBytes, diagrams: built.diagrams });
    rmSync(repo, { recursive: true, force: true });
  }
  return rows;
}

const seconds = (ms: number): string => `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
const mebibytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('fr-FR')} Mio`;
const times = (ratio: number): string => `${ratio.toLocaleString('fr-FR', { maximumFractionDigits: 2 })}×`;

export function describeLarge(f: LargeFigures): string[] {
  const ratio = f.ours.cold / f.baseline.cold;
  return [
    `  grand dépôt généré de la forme de bjw-s-labs/home-ops : ${f.applications} applications, ${f.pages} pages ; la plus rapide de ${ROUNDS} constructions à froid de chaque sorte`,
    `                          à froid     mémoire de pointe`,
    `    Starlight nu         ${seconds(f.baseline.cold).padStart(8)}    ${mebibytes(f.baseline.peakBytes).padStart(10)}`,
    `    ce site              ${seconds(f.ours.cold).padStart(8)}    ${mebibytes(f.ours.peakBytes).padStart(10)}   (Chromium des schémas compris)`,
    `    rapport              ${times(ratio).padStart(8)}   (cible ≤ ${LARGE_TARGET.coldRatio}× : ${ratio <= LARGE_TARGET.coldRatio ? 'objectif atteint' : 'objectif manqué'})`,
    `    schémas : ${f.diagrams.rendered} dessinés en ${f.diagrams.batches} allers-retours, ${Math.round(f.diagrams.renderMs / Math.max(1, f.diagrams.rendered))} ms par schéma et par onglet`,
  ];
}

export function describeScaling(rows: readonly ScalingRow[]): string[] {
  const base = rows[0];
  return [
    '  quand le dépôt grandit (construction à froid, une de chaque taille) :',
    '    applications  ressources   pages   schémas   construction   par page   par schéma   mémoire de pointe',
    ...rows.map((r) => {
      const drawn = Math.max(1, r.diagrams.rendered);
      return (
        `    ${`${r.applications} (×${r.applications / base.applications})`.padEnd(12)}  ${String(r.resources).padStart(10)}  ${String(r.pages).padStart(6)}  ${String(r.diagrams.rendered).padStart(8)}` +
        `   ${seconds(r.ms).padStart(12)}   ${`${Math.round(r.ms / r.pages)} ms`.padStart(8)}   ${`${Math.round(r.diagrams.renderMs / drawn)} ms`.padStart(10)}   ${mebibytes(r.peakBytes).padStart(17)}`
      );
    }),
  ];
}
