import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('NetworkPolicy → pods and peers', () => {
  const result = relationsOf('network-policy');
  const policy = key('networking.k8s.io', 'NetworkPolicy', 'ffe', 'db');
  const edges = result.relations.filter((r) => r.from === policy).map((r) => [r.type, r.to, r.reason]);

  it('applies to the pods of its podSelector and allows the peers of its rules; ipBlock peers give no edge', () => {
    expect(edges).toEqual([
      ['allows-from', key('apps', 'Deployment', 'ffe', 'api'), 'autorise le trafic entrant depuis les pods app=api sur le port 5432/TCP'],
      ['allows-from', key('', 'Namespace', undefined, 'monitoring'), 'autorise le trafic entrant depuis le namespace monitoring sur le port 5432/TCP'],
      ['allows-to', key('apps', 'Deployment', 'storage', 'uploader'), 'autorise le trafic sortant vers les pods app=uploader du namespace storage'],
      ['applies-to', key('apps', 'Deployment', 'ffe', 'db'), 's’applique aux pods app=db'],
    ]);
  });

  it('marks a namespace peer that is not declared as a Namespace resource as external', () => {
    const peer = result.relations.find((r) => r.to === key('', 'Namespace', undefined, 'monitoring'));
    expect(peer?.detail).toEqual({ direction: 'ingress', ports: '5432/TCP', external: 'true' });
  });
});
