// The project's own manifests/: every resource loads, with no error, and points at a real line of a real file.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFinding, loadModel } from '../../src/infra/index.ts';

const HAS_MANIFESTS = existsSync('manifests/clusters/production');

describe.skipIf(!HAS_MANIFESTS)('the FFE manifests', () => {
  it('load with no error in every environment', async () => {
    const model = await loadModel({ root: 'manifests' });
    const errors = model.findings.filter((f) => f.severity === 'error').map(formatFinding);
    expect(errors).toEqual([]);
    expect(model.environments.map((e) => e.name)).toContain('production');
    for (const env of model.environments) expect(env.resources.length).toBeGreaterThan(0);
  });

  it('locate every resource on an existing line of an existing file', async () => {
    const model = await loadModel({ root: 'manifests' });
    const lineCounts = new Map<string, number>();
    for (const resource of model.environments.flatMap((e) => e.resources)) {
      const path = resource.source.path;
      if (!lineCounts.has(path)) lineCounts.set(path, existsSync(path) ? readFileSync(path, 'utf8').split('\n').length : 0);
      expect(lineCounts.get(path), path).toBeGreaterThanOrEqual(resource.source.line);
    }
  });
});
