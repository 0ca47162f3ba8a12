// `npm run fixtures:drift`: writes tests/fixtures/drift/<env>.yaml from the manifests and the planted differences
// (tests/drift/plan.ts). Run it after changing the manifests; the drift tests then find only the planted differences.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../src/infra/index.ts';
import { clusterExport } from '../../scripts/lib/snapshot-fixture.ts';
import { FIXTURE_DIR, PLANTS, TAKEN_AT } from './plan.ts';

const model = await loadModel({ checks: [] });
for (const [env, plants] of Object.entries(PLANTS)) {
  const file = fileURLToPath(new URL(`${env}.yaml`, FIXTURE_DIR));
  const text = clusterExport(model, env, { takenAt: TAKEN_AT, plants, node: `ffe-${env}-1` });
  writeFileSync(file, text);
  process.stdout.write(`${file} : ${text.split('\n').length} lignes\n`);
}
