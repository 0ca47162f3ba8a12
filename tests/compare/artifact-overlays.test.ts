// A comparison whose environments read their overlays through an ExternalArtifact (the Flux example's layout since
// source-watcher): each difference is traced to the repository folder the artifact's copy rules fill it from.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { compareEnvironmentPair, loadModel, traceDifference } from '../../src/infra/index.ts';

const ROOT = fileURLToPath(new URL('../fixtures/compare/artifact-overlays', import.meta.url));
const AT = 'tests/fixtures/compare/artifact-overlays/';

it('traces a difference to the overlay line of the folder an artifact copies, with its comment', async () => {
  const model = await loadModel({ root: ROOT, checks: [] });
  const comparison = compareEnvironmentPair(model, 'staging', 'production')!;
  const web = comparison.pairs.find((p) => p.identity === 'apps/Deployment/web/web')!;
  const [replicas] = web.differences.filter((d) => d.type === 'replicas');
  const trace = traceDifference(model, comparison, web, replicas);
  const where = (side: typeof trace.left) => side.map((l) => `${l.path.replace(AT, '')}:${l.line}${l.reason ? ` « ${l.reason} »` : ''}`);
  expect(where(trace.left)).toEqual(['apps/staging/web-replicas.yaml:8 « One replica is enough to try a release. »']);
  expect(where(trace.right)).toEqual(['apps/production/web-replicas.yaml:7']);
});
