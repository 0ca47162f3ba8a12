// Diagram rendering as a build does it: every diagram of the real manifests, drawn in one Chromium, then again from
// the cache (a warm rebuild must draw none).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../src/infra/index.ts';
import { loadOptionsOf } from '../../src/site/model.ts';
import { projectSettings } from '../../src/site/settings.ts';
import { diagramSourceOf } from '../../src/render/flowchart.ts';
import { createDiagramRenderer, type DiagramSource } from '../../src/render/mermaid.ts';
import { siteDiagramViews } from '../../src/site/diagrams.ts';

export interface DiagramBenchRow {
  label: string;
  ms: number;
  diagrams?: number;
}

function allDiagrams(model: Awaited<ReturnType<typeof loadModel>>): DiagramSource[] {
  return [...new Map(siteDiagramViews(model).map((view) => [view.id, diagramSourceOf(view)])).values()];
}

export async function diagramSection(): Promise<DiagramBenchRow[]> {
  const settings = projectSettings();
  const model = await loadModel(loadOptionsOf(settings));
  const chromium = settings.diagrams.chromium;
  const diagrams = allDiagrams(model);
  const cacheDir = await mkdtemp(join(tmpdir(), 'ffe-bench-diagrams-'));
  try {
    const cold = createDiagramRenderer({ cacheDir, mode: 'ssr', chromium });
    const coldStart = performance.now();
    await cold.render(diagrams);
    const coldMs = performance.now() - coldStart;
    await cold.close();
    const warm = createDiagramRenderer({ cacheDir, mode: 'ssr', chromium });
    const warmStart = performance.now();
    await warm.render(diagrams);
    const warmMs = performance.now() - warmStart;
    await warm.close();
    return [
      { label: `schémas dessinés (froid) : ${cold.stats.rendered} sur ${diagrams.length}`, ms: coldMs, diagrams: cold.stats.rendered },
      { label: `  dont lancement de Chromium`, ms: cold.stats.launchMs },
      { label: `  par schéma, amorti (cible ≤ 100 ms)`, ms: coldMs / Math.max(1, cold.stats.rendered) },
      { label: `reconstruction à chaud : ${warm.stats.rendered} dessiné(s), ${warm.stats.cacheHits} du cache`, ms: warmMs },
    ];
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
