import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('Secrets produced in the cluster by a resource of the manifests', () => {
  const result = relationsOf('produced-secrets');
  const web = key('apps', 'Deployment', 'ffe', 'web');

  it('count as existing: SealedSecret, CloudNativePG Cluster, Certificate and cert-manager Ingress TLS', () => {
    const uses = result.relations.filter((r) => r.from === web && r.type === 'uses-secret');
    expect(uses.map((r) => [r.to.split('/').pop(), r.detail?.producedBy])).toEqual([
      ['ffe-tls', key('networking.k8s.io', 'Ingress', 'ffe', 'web')],
      ['internal-tls', key('cert-manager.io', 'Certificate', 'ffe', 'internal')],
      ['pg-superuser', key('postgresql.cnpg.io', 'Cluster', 'ffe', 'pg')],
      ['smtp', key('bitnami.com', 'SealedSecret', 'ffe', 'smtp')],
    ]);
    expect(result.findings.filter((f) => f.resource === web)).toEqual([]);
  });

  it('count as existing when a secret-manager operator writes them: External Secrets, 1Password, Vault', () => {
    const worker = key('apps', 'Deployment', 'ffe', 'worker');
    const uses = result.relations.filter((r) => r.from === worker && r.type === 'uses-secret');
    expect(uses.map((r) => [r.to.split('/').pop(), r.detail?.producedBy])).toEqual([
      ['api-credentials', key('external-secrets.io', 'ExternalSecret', 'ffe', 'api-keys')],
      ['mail-relay', key('onepassword.com', 'OnePasswordItem', 'ffe', 'mail-relay')],
      ['payments-credentials', key('secrets.hashicorp.com', 'VaultStaticSecret', 'ffe', 'payments')],
    ]);
    expect(result.findings.filter((f) => f.resource === worker)).toEqual([]);
  });

  it('do not cover an Ingress TLS Secret that nothing produces', () => {
    expect(result.findings.map((f) => [f.code, f.resource])).toEqual([
      ['FFE-E-SECRET-MISSING', key('networking.k8s.io', 'Ingress', 'ffe', 'legacy')],
    ]);
  });
});
