// The history's own figures for `npm run bench`: reading the journal of this repository's manifests with an empty
// cache (each commit of the window loaded from a private checkout, then compared with the one before), then again
// with the cache full (what every later build pays). The per-commit figure is what a first build pays per commit of
// its window (`history.maxCommits`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_COMMITS, readHistory, type History } from '../../src/infra/index.ts';
import { historyLoadOptions } from '../../src/site/history.ts';
import { siteSettings } from './options.ts';
import { time } from './timing.ts';

export interface HistoryBenchRow {
  label: string;
  ms: number;
  cpuMs: number;
}

export async function historySection(): Promise<HistoryBenchRow[]> {
  const settings = siteSettings();
  if (!settings) throw new Error('options du site invalides');
  const window = settings.options.history || { maxCommits: DEFAULT_MAX_COMMITS };
  const root = settings.options.manifests.root;
  const load = historyLoadOptions(settings);
  const cache = mkdtempSync(join(tmpdir(), 'ffe-bench-history-'));
  try {
    const read = (): Promise<History> => readHistory({ root, cacheDir: cache, window, load: { ...load, kustomizeCacheDir: join(cache, 'kustomize') } });
    const cold = await time(read);
    const warm = await time(read);
    if (!cold.value.available) return [{ label: `historique indisponible (${cold.value.reason}) : rien à mesurer`, ms: 0, cpuMs: 0 }];
    const { read: commits, computed, entries } = cold.value;
    return [
      { label: `journal à froid : ${commits} commits lus, ${computed} états calculés`, ms: cold.ms, cpuMs: cold.cpuMs },
      { label: `  par état calculé (checkout + kustomize + modèle)`, ms: cold.ms / Math.max(1, computed), cpuMs: cold.cpuMs / Math.max(1, computed) },
      { label: `journal à chaud (cache plein) : ${entries.length} entrées`, ms: warm.ms, cpuMs: warm.cpuMs },
    ];
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
