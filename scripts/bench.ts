// `npm run bench`: timings, not a test. Each section is a function returning rows; add sections (diagram rendering,
// build sizes…) by appending to SECTIONS.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadModel, modelFromDocuments, parseManifest } from '../src/infra/index.ts';
import { diagramSection } from './lib/bench-diagrams.ts';
import { driftSection } from './lib/bench-drift.ts';
import { historySection } from './lib/bench-history.ts';
import { runMain } from './lib/cli.ts';
import { benchSite } from './bench-site.ts';
import { syntheticInfrastructure } from './lib/synthetic.ts';
import { time } from './lib/timing.ts';

export interface BenchRow {
  label: string;
  resources?: number;
  /** Wall-clock time. */
  ms: number;
  /** CPU time of this process: a fairer figure when other programs share the machine. */
  cpuMs?: number;
}

export interface BenchSection {
  title: string;
  run: () => Promise<BenchRow[]>;
}

/** Load (read + parse) + relations + checks over synthetic plain-YAML infrastructures of growing size. */
async function infraSection(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // A first small run loads schema validators and warms the JIT, so the sizes compare fairly.
  modelFromDocuments([{ name: 'warm', documents: syntheticInfrastructure(200).flatMap((f) => parseManifest(f.path, f.text).documents) }]);
  for (const size of [1_000, 10_000]) {
    const files = syntheticInfrastructure(size);
    const dir = await mkdtemp(join(tmpdir(), 'ffe-bench-'));
    try {
      await Promise.all(files.map(async (f) => {
        await mkdir(dirname(join(dir, f.path)), { recursive: true });
        await writeFile(join(dir, f.path), f.text);
      }));
      const parse = await time(() => files.flatMap((f) => parseManifest(f.path, f.text).documents));
      const count = parse.value.length;
      const model = await time(() => modelFromDocuments([{ name: 'bench', documents: parse.value }]));
      const full = await time(() => loadModel({ root: dir }));
      const errors = full.value.findings.filter((f) => f.severity === 'error').length;
      if (errors > 0) process.stderr.write(`(attention : ${errors} erreur(s) dans l’infrastructure synthétique)\n`);
      rows.push(
        { label: `analyse YAML, ${count} ressources`, resources: count, ms: parse.ms, cpuMs: parse.cpuMs },
        { label: `modèle + relations + vérifications, ${count} ressources`, resources: count, ms: model.ms, cpuMs: model.cpuMs },
        { label: `loadModel complet (disque), ${count} ressources`, resources: count, ms: full.ms, cpuMs: full.cpuMs },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export const SECTIONS: BenchSection[] = [
  { title: 'Modèle d’infrastructure (chargement, relations, vérifications)', run: infraSection },
  { title: 'Écarts entre Git et le cluster (export synthétique, lu puis comparé)', run: driftSection },
  { title: 'Schémas (mermaid 12 dans Chromium, tous les schémas des manifestes réels)', run: diagramSection },
  { title: 'Historique Git (état des manifestes à chaque commit de la fenêtre, comparé au précédent)', run: historySection },
];

function formatRow(row: BenchRow): string {
  const ms = row.ms.toLocaleString('fr-FR', { maximumFractionDigits: 0 });
  const cpu = row.cpuMs !== undefined ? ` (CPU ${row.cpuMs.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} ms)` : '';
  const rate = row.resources ? `  ${Math.round((row.resources / row.ms) * 1000).toLocaleString('fr-FR')} ressources/s` : '';
  return `  ${row.label.padEnd(58)} ${ms.padStart(7)} ms${cpu}${rate}`;
}

async function main(): Promise<number> {
  for (const section of SECTIONS) {
    process.stdout.write(`${section.title}\n`);
    for (const row of await section.run()) process.stdout.write(`${formatRow(row)}\n`);
  }
  // The site section prints its own figures (sizes and scores, not only times).
  await benchSite((line) => process.stdout.write(`${line}\n`));
  return 0;
}

runMain('npm run bench', main);
