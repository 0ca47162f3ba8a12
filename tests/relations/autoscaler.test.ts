import { describe, expect, it } from 'vitest';
import { key, ofType, relationsOf } from './helpers.ts';

describe('HorizontalPodAutoscaler → target', () => {
  const result = relationsOf('autoscaler');

  it('scales its target between its bounds, saying on which metric', () => {
    expect(ofType(result, 'scales')).toEqual([
      {
        type: 'scales',
        from: key('autoscaling', 'HorizontalPodAutoscaler', 'ffe', 'web'),
        to: key('apps', 'Deployment', 'ffe', 'web'),
        reason: 'ajuste le nombre de réplicas de 2 à 5 selon CPU 80 %',
        detail: { minReplicas: '2', maxReplicas: '5' },
      },
    ]);
  });

  it('reports a target that does not exist, at the autoscaler’s source', () => {
    expect(result.findings).toMatchObject([
      {
        code: 'FFE-E-SCALE-TARGET-MISSING',
        severity: 'error',
        resource: key('autoscaling', 'HorizontalPodAutoscaler', 'ffe', 'ghost'),
        location: { path: 'tests/fixtures/relations/autoscaler/manifests.yaml', line: 21 },
      },
    ]);
  });
});
