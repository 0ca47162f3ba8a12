import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('workload → ConfigMap, Secret, PVC, ServiceAccount', () => {
  const result = relationsOf('workload-config');
  const web = key('apps', 'Deployment', 'ffe', 'web');
  const from = (k: string) => result.relations.filter((r) => r.from === k).map((r) => [r.type, r.to, r.reason]);

  it('relates every way a pod template reads configuration, one edge per target', () => {
    expect(from(web)).toEqual([
      ['uses-configmap', key('', 'ConfigMap', 'ffe', 'kube-root-ca.crt'), 'monte le ConfigMap kube-root-ca.crt dans le volume projeté bundle'],
      ['uses-configmap', key('', 'ConfigMap', 'ffe', 'nginx-conf'), 'monte le ConfigMap nginx-conf en volume'],
      ['uses-configmap', key('', 'ConfigMap', 'ffe', 'settings'), 'utilise le ConfigMap settings : variable API_URL et volume settings-file'],
      ['uses-pvc', key('', 'PersistentVolumeClaim', 'ffe', 'web-data'), 'monte le PVC web-data en volume'],
      ['uses-secret', key('', 'Secret', 'ffe', 'registry'), 'télécharge ses images avec le Secret registry'],
      ['uses-secret', key('', 'Secret', 'ffe', 'tls-bundle'), 'monte le Secret tls-bundle dans le volume projeté bundle'],
      ['uses-secret', key('', 'Secret', 'ffe', 'web-env'), 'charge le Secret web-env en variables d’environnement'],
      ['uses-service-account', key('', 'ServiceAccount', 'ffe', 'web'), 's’exécute avec le ServiceAccount web'],
    ]);
  });

  it('treats the kube-root-ca.crt ConfigMap as provided by the cluster, and says by whom', () => {
    const rootCa = result.relations.find((r) => r.to.endsWith('/kube-root-ca.crt'));
    expect(rootCa?.detail).toEqual({ provider: 'Kubernetes', external: 'true' });
    expect(result.findings).toEqual([]);
  });

  it('relates a StatefulSet to the claims of its volumeClaimTemplates', () => {
    expect(result.relations).toContainEqual({
      type: 'uses-pvc',
      from: key('apps', 'StatefulSet', 'ffe', 'redis'),
      to: key('', 'PersistentVolumeClaim', 'ffe', 'data-redis'),
      reason: 'crée un PVC par réplica depuis le modèle data',
      detail: { volumeClaimTemplate: 'data', size: '2Gi', external: 'true' },
    });
  });

  it('relates a CronJob to what its job template uses', () => {
    expect(from(key('batch', 'CronJob', 'ffe', 'cleanup'))).toEqual([
      ['uses-configmap', key('', 'ConfigMap', 'ffe', 'settings'), 'charge le ConfigMap settings en variables d’environnement'],
    ]);
  });
});
