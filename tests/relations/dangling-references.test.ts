import { describe, expect, it } from 'vitest';
import { key, lineOf, relationsOf } from './helpers.ts';

describe('dangling references are errors located at the field that refers', () => {
  const result = relationsOf('dangling-refs');
  const deployment = key('apps', 'Deployment', 'ffe', 'web');
  const ingress = key('networking.k8s.io', 'Ingress', 'ffe', 'web');
  const summary = result.findings.map((f) => [f.code, f.severity, f.resource, `${f.location?.path}:${f.location?.line}`]);

  it('reports the missing ConfigMap, Secret, PVC, Service and Service port, each at its reference', () => {
    // They all pointed at the first line of the object, however far the reference was.
    const workload = 'tests/fixtures/relations/dangling-refs/deployment.yaml';
    const route = 'tests/fixtures/relations/dangling-refs/ingress.yaml';
    expect(summary).toEqual([
      ['FFE-E-CONFIGMAP-MISSING', 'error', deployment, `${workload}:${lineOf(workload, /name: web-config/)}`],
      ['FFE-E-SECRET-MISSING', 'error', deployment, `${workload}:${lineOf(workload, /name: web-secrets/)}`],
      ['FFE-E-PVC-MISSING', 'error', deployment, `${workload}:${lineOf(workload, /claimName: web-data/)}`],
      ['FFE-E-SERVICE-MISSING', 'error', ingress, `${route}:${lineOf(route, /name: wbe/)}`],
      ['FFE-E-SERVICE-PORT-MISSING', 'error', ingress, `${route}:${lineOf(route, /name: api$/)}`],
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
