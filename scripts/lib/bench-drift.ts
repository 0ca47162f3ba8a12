// Git ↔ cluster comparison at scale: a synthetic infrastructure, exported as its cluster would print it (≈ 10,000
// objects with Pods, ReplicaSets, Endpoints… and a few planted differences), read as YAML and as JSON, then compared.
// The comparison itself has a target (under 2 s); reading is shown apart, since it depends on the export's format.
import { compareWithSnapshot, modelFromDocuments, parseManifest, parseSnapshot, type Snapshot } from '../../src/infra/index.ts';
import { clusterObjects, exportJson, exportYaml } from './snapshot-fixture.ts';
import { syntheticInfrastructure } from './synthetic.ts';
import { time } from './timing.ts';

export interface DriftBenchRow {
  label: string;
  resources: number;
  ms: number;
  cpuMs: number;
}

const TARGET_OBJECTS = 10_000;
/** Objects of an export per synthetic resource (Pods, ReplicaSets, Endpoints, volumes, default accounts…). */
const OBJECTS_PER_RESOURCE = 1.6;

function read(path: string, text: string): Snapshot {
  const parsed = parseSnapshot(path, text);
  if (!parsed.ok) throw new Error(`export synthétique illisible : ${parsed.findings[0]?.message}`);
  return parsed.snapshot;
}

export async function driftSection(): Promise<DriftBenchRow[]> {
  const files = syntheticInfrastructure(Math.round(TARGET_OBJECTS / OBJECTS_PER_RESOURCE));
  const documents = files.flatMap((f) => parseManifest(f.path, f.text).documents);
  const model = modelFromDocuments([{ name: 'bench', documents }], { checks: [] });
  const objects = clusterObjects(model, 'bench', {
    takenAt: '2025-06-02T07:45:00Z',
    plants: [
      { type: 'scaled', namespace: 'team-0001', name: 'app-00012', replicas: 9 },
      { type: 'image', namespace: 'team-0002', name: 'app-00023', container: 'app', image: 'ghcr.io/synthetic/app-00023:1.0.1' },
      { type: 'configmap-by-hand', namespace: 'team-0003', name: 'debug', data: { LOG_LEVEL: 'debug' } },
    ],
  });
  const yaml = exportYaml(objects, ['Export synthétique, 2025-06-02T07:45:00Z']);
  const json = exportJson(objects);
  const n = objects.length;
  const mb = (text: string): string => (text.length / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

  // Warm the JIT on a small export so the timed runs compare fairly.
  compareWithSnapshot(model, 'bench', read('warm.yaml', exportYaml(objects.slice(0, 300))));
  const fromYaml = await time(() => read('bench.yaml', yaml));
  const fromJson = await time(() => read('bench.json', json));
  const compared = await time(() => compareWithSnapshot(model, 'bench', fromYaml.value));
  const found = compared.value.differences.length;
  if (found !== 3) process.stderr.write(`(attention : ${found} écarts trouvés au lieu des 3 plantés)\n`);
  return [
    { label: `lecture de l’export YAML (${mb(yaml)} Mo), ${n} objets`, resources: n, ms: fromYaml.ms, cpuMs: fromYaml.cpuMs },
    { label: `lecture de l’export JSON (${mb(json)} Mo), ${n} objets`, resources: n, ms: fromJson.ms, cpuMs: fromJson.cpuMs },
    { label: `comparaison avec Git (objectif < 2 s), ${n} objets`, resources: n, ms: compared.ms, cpuMs: compared.cpuMs },
  ];
}
