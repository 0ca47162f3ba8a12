import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';
import { key, relationsOf } from './helpers.ts';

describe('malformed manifests (null or scalar entries where objects belong)', () => {
  it('build relations without crashing, skipping what is not an object', () => {
    const result = relationsOf('malformed');
    const web = key('apps', 'Deployment', 'ffe', 'web');
    expect(result.relations.filter((r) => r.from === web).map((r) => [r.type, r.to])).toEqual([
      ['uses-configmap', key('', 'ConfigMap', 'ffe', 'settings')],
    ]);
    expect(result.relations).toContainEqual(expect.objectContaining({ type: 'selects', from: key('', 'Service', 'ffe', 'web'), to: web }));
  });

  it('still resolve the named port of the one well-formed container', () => {
    expect(relationsOf('malformed').findings.filter((f) => f.code === 'FFE-E-TARGETPORT-UNKNOWN')).toEqual([]);
  });

  it('load into a whole model', () => {
    const path = 'tests/fixtures/relations/malformed/manifests.yaml';
    const model = modelFromYaml([{ path, text: readFileSync(path, 'utf8'), env: 'test' }]);
    expect(model.environments[0].resources).toHaveLength(16);
  });
});
