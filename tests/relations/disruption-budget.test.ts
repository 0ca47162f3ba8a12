import { describe, expect, it } from 'vitest';
import { key, ofType, relationsOf } from './helpers.ts';

describe('PodDisruptionBudget → workloads', () => {
  const result = relationsOf('disruption-budget');

  it('protects the workloads its selector (with match expressions) matches', () => {
    expect(ofType(result, 'protects')).toEqual([
      {
        type: 'protects',
        from: key('policy', 'PodDisruptionBudget', 'ffe', 'web'),
        to: key('apps', 'Deployment', 'ffe', 'web'),
        reason: 'protège les pods app ∈ {web, web-canary} (au moins 1 disponible)',
        detail: { minAvailable: '1' },
      },
    ]);
  });

  it('warns about a budget that protects no pod', () => {
    expect(result.findings.map((f) => [f.code, f.severity, f.resource])).toEqual([
      ['FFE-W-PDB-SELECTOR-EMPTY', 'warning', key('policy', 'PodDisruptionBudget', 'ffe', 'nothing')],
    ]);
  });
});
