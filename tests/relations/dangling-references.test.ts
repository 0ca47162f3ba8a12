import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('dangling references are errors located at the referring resource', () => {
  const result = relationsOf('dangling-refs');
  const deployment = key('apps', 'Deployment', 'ffe', 'web');
  const ingress = key('networking.k8s.io', 'Ingress', 'ffe', 'web');
  const summary = result.findings.map((f) => [f.code, f.severity, f.resource, `${f.location?.path}:${f.location?.line}`]);

  it('reports the missing ConfigMap, Secret, PVC, Service and Service port', () => {
    expect(summary).toEqual([
      ['FFE-E-CONFIGMAP-MISSING', 'error', deployment, 'tests/fixtures/relations/dangling-refs/deployment.yaml:1'],
      ['FFE-E-PVC-MISSING', 'error', deployment, 'tests/fixtures/relations/dangling-refs/deployment.yaml:1'],
      ['FFE-E-SECRET-MISSING', 'error', deployment, 'tests/fixtures/relations/dangling-refs/deployment.yaml:1'],
      ['FFE-E-SERVICE-MISSING', 'error', ingress, 'tests/fixtures/relations/dangling-refs/ingress.yaml:1'],
      ['FFE-E-SERVICE-PORT-MISSING', 'error', ingress, 'tests/fixtures/relations/dangling-refs/ingress.yaml:1'],
    ]);
  });

  it('says in French what is missing and what to do', () => {
    const service = result.findings.find((f) => f.code === 'FFE-E-SERVICE-MISSING');
    expect(service?.message).toBe('L’Ingress web (namespace ffe) envoie le trafic vers le Service wbe, qui n’existe pas dans le namespace ffe.');
    expect(service?.hint).toContain('ajoutez le Service wbe');
    const secret = result.findings.find((f) => f.code === 'FFE-E-SECRET-MISSING');
    expect(secret?.hint).toContain('SealedSecret web-secrets');
  });

  it('draws no edge to a target that does not exist', () => {
    expect(result.relations.filter((r) => r.from === deployment || r.from === ingress)).toEqual([]);
  });
});
