// Scope from the definition: a custom kind's CRD when the repository has it, else the well-known cluster-scoped kinds
// (Cilium BGP…); an unknown scope is said, never filed under `default`.
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/infra/index.ts';

const load = () => loadModel({ root: 'tests/fixtures/real-scope', checks: [] });

describe('the scope of custom kinds', () => {
  it('is cluster-wide for well-known cluster-scoped kinds whose CRD the repository lacks', async () => {
    const keys = (await load()).environments[0].resources.map((r) => r.key);
    expect(keys).toContain('default/cilium.io/CiliumBGPClusterConfig/_cluster/l3');
    expect(keys).toContain('default/cilium.io/CiliumLoadBalancerIPPool/_cluster/pool');
  });

  it('comes from the CRD the repository holds', async () => {
    const keys = (await load()).environments[0].resources.map((r) => r.key);
    expect(keys).toContain('default/example.org/Widget/_cluster/blue');
  });

  it('is said unknown, once per kind, and never guessed as the default namespace', async () => {
    const model = await load();
    const resources = model.environments[0].resources;
    expect(resources.filter((r) => r.id.namespace === 'default')).toEqual([]);
    const lamp = resources.find((r) => r.id.name === 'lamp')!;
    expect(lamp.id.namespace).toBeUndefined();
    expect(lamp.scopeUnknown).toBe(true);
    expect(resources.find((r) => r.id.name === 'desk')!.id.namespace).toBe('office');
    const notes = model.findings.filter((f) => f.code === 'FFE-N-SCOPE-UNKNOWN');
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain('Gadget');
  });
});
