import { describe, expect, it } from 'vitest';
import { key, lineOf, ofType, relationsOf } from './helpers.ts';

describe('autoscaler (HorizontalPodAutoscaler, KEDA ScaledObject) → target', () => {
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
      // KEDA's defaults: a Deployment, from 0 replicas (it scales to zero) to what the object says.
      {
        type: 'scales',
        from: key('keda.sh', 'ScaledObject', 'ffe', 'web-queue'),
        to: key('apps', 'Deployment', 'ffe', 'web'),
        reason: 'ajuste le nombre de réplicas de 0 à 4',
        detail: { minReplicas: '0', maxReplicas: '4' },
      },
    ]);
  });

  it('reports a target that does not exist, at the autoscaler’s reference to it', () => {
    const file = 'tests/fixtures/relations/autoscaler/manifests.yaml';
    expect(result.findings).toMatchObject([
      {
        code: 'FFE-E-SCALE-TARGET-MISSING',
        severity: 'error',
        resource: key('autoscaling', 'HorizontalPodAutoscaler', 'ffe', 'ghost'),
        location: { path: file, line: lineOf(file, /scaleTargetRef:/, lineOf(file, /name: ghost/)) + 1 },
      },
    ]);
  });
});
