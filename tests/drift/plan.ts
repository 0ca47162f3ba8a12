// The drift fixtures: an export of each FFE cluster as `kubectl get … -A -o yaml` would print it, with the server's
// noise, and the differences planted in it. The tests read the generated files (tests/fixtures/drift/<env>.yaml)
// like a user's export; `npm run fixtures:drift` writes them again after the manifests change.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Plant } from '../../scripts/lib/snapshot-fixture.ts';

export const FIXTURE_DIR = new URL('../fixtures/drift/', import.meta.url);
/** The same folder, as FFE_SNAPSHOT and `npm run drift` are given it (relative to the project). */
export const FIXTURE_PATH = 'tests/fixtures/drift';

/** When the fixture exports were « taken » (written in their header). */
export const TAKEN_AT = '2025-06-02T07:45:00Z';

/** What each export holds that Git does not say, and what the comparison must report, once each. */
export const PLANTS: Record<string, readonly Plant[]> = {
  production: [
    { type: 'scaled', namespace: 'booking', name: 'calcom', replicas: 3 },
    { type: 'image', namespace: 'ffe-site', name: 'site', container: 'nginx', image: 'ghcr.io/ffe-infra/ffe-site:2.3.2-correctif' },
    { type: 'configmap-by-hand', namespace: 'booking', name: 'calcom-debug', data: { NEXT_PUBLIC_DEBUG: '1', LOG_LEVEL: 'debug' } },
  ],
  staging: [{ type: 'kustomization-not-applied', namespace: 'flux-system', name: 'monitoring' }],
};

/** Every value the fixture exports hold in a Secret, as written (base64) and decoded: none may ever be shown. */
export function fixtureSecretValues(): string[] {
  const values: string[] = [];
  for (const env of Object.keys(PLANTS)) {
    const list = parse(readFileSync(new URL(`${env}.yaml`, FIXTURE_DIR), 'utf8')) as { items: { kind: string; data?: Record<string, string> }[] };
    for (const item of list.items) {
      if (item.kind !== 'Secret') continue;
      for (const value of Object.values(item.data ?? {})) values.push(value, Buffer.from(value, 'base64').toString('utf8'));
    }
  }
  return values;
}
