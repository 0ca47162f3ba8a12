// The drift fixtures: an export of each FFE cluster as `kubectl get … -A -o yaml` would print it, with the server's
// noise, and the differences planted in it. The tests read the generated files (tests/fixtures/drift/<env>.yaml)
// like a user's export; `npm run fixtures:drift` writes them again after the manifests change.
import type { Plant } from '../../scripts/lib/snapshot-fixture.ts';

export const FIXTURE_DIR = new URL('../fixtures/drift/', import.meta.url);

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
