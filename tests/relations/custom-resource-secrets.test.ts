import { describe, expect, it } from 'vitest';
import { key, relationsOf, type RelationResult } from './helpers.ts';

type Use = [type: string, to: string, reason: string, detail: Record<string, string> | undefined];

function usesFrom(result: RelationResult, from: string): Use[] {
  return result.relations
    .filter((r) => r.from === from && (r.type === 'uses-secret' || r.type === 'uses-configmap'))
    .map((r): Use => [r.type, r.to, r.reason, r.detail]);
}

function findingsOf(result: RelationResult) {
  return result.findings.map((f) => [f.code, f.severity, f.resource, f.message]);
}

describe('CloudNativePG Cluster and Barman Cloud ObjectStore → the Secrets they read', () => {
  const result = relationsOf('cnpg-secrets');
  const cluster = key('postgresql.cnpg.io', 'Cluster', 'db', 'pg');
  const store = key('barmancloud.cnpg.io', 'ObjectStore', 'db', 'pg-backups');

  it('relates the cluster to its owner Secret, SQL ConfigMap, certificates and backup credentials', () => {
    expect(usesFrom(result, cluster)).toEqual([
      [
        'uses-configmap',
        key('', 'ConfigMap', 'db', 'pg-schema'),
        'lit le SQL exécuté à la création de la base dans le ConfigMap pg-schema',
        { fields: 'spec.bootstrap.initdb.postInitApplicationSQLRefs.configMapRefs[0]' },
      ],
      [
        'uses-secret',
        key('', 'Secret', 'db', 'pg-owner'),
        'lit les identifiants du propriétaire de la base dans le Secret pg-owner',
        { producedBy: key('bitnami.com', 'SealedSecret', 'db', 'pg-owner'), fields: 'spec.bootstrap.initdb.secret', external: 'true' },
      ],
      [
        'uses-secret',
        key('', 'Secret', 'db', 'pg-server-tls'),
        'lit le certificat TLS du serveur et l’autorité de certification du serveur dans le Secret pg-server-tls',
        {
          producedBy: key('cert-manager.io', 'Certificate', 'db', 'pg-server'),
          fields: 'spec.certificates.serverTLSSecret, spec.certificates.serverCASecret',
          external: 'true',
        },
      ],
      [
        'uses-secret',
        key('', 'Secret', 'db', 's3'),
        'lit l’identifiant de la clé d’accès S3 et la clé d’accès secrète S3 dans le Secret s3',
        {
          producedBy: key('bitnami.com', 'SealedSecret', 'db', 's3'),
          fields: 'spec.backup.barmanObjectStore.s3Credentials.accessKeyId, spec.backup.barmanObjectStore.s3Credentials.secretAccessKey',
          external: 'true',
        },
      ],
    ]);
  });

  it('relates the ObjectStore to the S3 credentials it can find', () => {
    expect(usesFrom(result, store).map(([type, to]) => [type, to])).toEqual([['uses-secret', key('', 'Secret', 'db', 's3')]]);
  });

  it('reports the superuser Secret and the misspelt S3 Secret nothing produces, at the resource naming them', () => {
    expect(findingsOf(result)).toEqual([
      [
        'FFE-E-SECRET-MISSING',
        'error',
        cluster,
        'Le Cluster pg (namespace db) lit le mot de passe du superutilisateur dans le Secret pg-root (spec.superuserSecret), qui n’existe pas dans les manifestes.',
      ],
      [
        'FFE-E-SECRET-MISSING',
        'error',
        store,
        'L’ObjectStore pg-backups (namespace db) lit la clé d’accès secrète S3 dans le Secret s3-typo (spec.configuration.s3Credentials.secretAccessKey), qui n’existe pas dans les manifestes.',
      ],
    ]);
    const storeFinding = result.findings.find((f) => f.resource === store);
    expect(storeFinding?.hint).toBe('Ajoutez un SealedSecret s3-typo dans le namespace db (kubeseal) ou corrigez spec.configuration.s3Credentials.secretAccessKey.');
    expect(storeFinding?.location?.path).toBe('tests/fixtures/relations/cnpg-secrets/manifests.yaml');
  });
});

describe('k8up backends → restic password and object storage keys', () => {
  const result = relationsOf('k8up-secrets');
  const schedule = key('k8up.io', 'Schedule', 'files', 'volumes');
  const restore = key('k8up.io', 'Restore', 'files', 'from-b2');

  it('relates a Schedule to its repository password and S3 keys', () => {
    expect(usesFrom(result, schedule).map(([, to, reason, detail]) => [to, reason, detail?.fields])).toEqual([
      [
        key('', 'Secret', 'files', 'backup-s3'),
        'lit l’identifiant de la clé d’accès S3 et la clé d’accès secrète S3 dans le Secret backup-s3',
        'spec.backend.s3.accessKeyIDSecretRef, spec.backend.s3.secretAccessKeySecretRef',
      ],
      [key('', 'Secret', 'files', 'k8up-repository'), 'lit le mot de passe du dépôt restic dans le Secret k8up-repository', 'spec.backend.repoPasswordSecretRef'],
    ]);
  });

  it('reads other backends too, and reports their missing Secret once for both keys', () => {
    expect(usesFrom(result, restore).map(([, to]) => to)).toEqual([key('', 'Secret', 'files', 'k8up-repository')]);
    expect(findingsOf(result)).toEqual([
      [
        'FFE-E-SECRET-MISSING',
        'error',
        restore,
        'Le Restore from-b2 (namespace files) lit l’identifiant du compte de stockage et la clé du compte de stockage dans le Secret backup-b2 (spec.backend.b2.accountIDSecretRef, spec.backend.b2.accountKeySecretRef), qui n’existe pas dans les manifestes.',
      ],
    ]);
  });
});

describe('cert-manager issuers → the ACME account key they produce and the Secrets they read', () => {
  const result = relationsOf('issuer-secrets');
  const clusterIssuer = key('cert-manager.io', 'ClusterIssuer', undefined, 'letsencrypt');
  const account = key('', 'Secret', 'certs', 'letsencrypt-account');

  it('produces the ACME account key in the namespace cert-manager is installed in instead of requiring it', () => {
    expect(result.relations.filter((r) => r.type === 'produces-secret' && r.from === clusterIssuer)).toEqual([
      {
        type: 'produces-secret',
        from: clusterIssuer,
        to: account,
        reason: 'conserve la clé de son compte ACME dans le Secret letsencrypt-account (namespace certs), que cert-manager crée',
        detail: { external: 'true' },
      },
    ]);
    expect(result.findings.filter((f) => f.message.includes('letsencrypt-account'))).toEqual([]);
  });

  it('lets a workload read the account key cert-manager creates', () => {
    const job = key('batch', 'Job', 'certs', 'account-audit');
    expect(result.relations.find((r) => r.from === job && r.type === 'uses-secret')?.detail).toEqual({ producedBy: clusterIssuer, external: 'true' });
  });

  it('relates a CA Issuer to its sealed CA, and reports the DNS-01 token nothing produces', () => {
    expect(usesFrom(result, key('cert-manager.io', 'Issuer', 'ffe', 'internal-ca')).map(([, to, reason]) => [to, reason])).toEqual([
      [key('', 'Secret', 'ffe', 'internal-ca'), 'lit le certificat et la clé de l’autorité de certification dans le Secret internal-ca'],
    ]);
    expect(findingsOf(result)).toEqual([
      [
        'FFE-E-SECRET-MISSING',
        'error',
        clusterIssuer,
        'Le ClusterIssuer letsencrypt lit les identifiants du solveur ACME dans le Secret cloudflare-token du namespace certs (spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef), qui n’existe pas dans les manifestes.',
      ],
    ]);
  });
});

describe('Flux → values, substitution variables and Git credentials', () => {
  const result = relationsOf('flux-secrets');
  const release = key('helm.toolkit.fluxcd.io', 'HelmRelease', 'monitoring', 'grafana');
  const kustomization = key('kustomize.toolkit.fluxcd.io', 'Kustomization', 'flux-system', 'apps');

  it('relates a HelmRelease to every valuesFrom entry, keeping a missing optional one as an optional edge', () => {
    expect(usesFrom(result, release).map(([type, to, reason, detail]) => [type, to.split('/').pop(), reason, detail?.optional])).toEqual([
      ['uses-configmap', 'grafana-values', 'lit les valeurs du chart dans le ConfigMap grafana-values', undefined],
      ['uses-secret', 'grafana-admin', 'lit les valeurs du chart (clé admin.yaml) dans le Secret grafana-admin', undefined],
      ['uses-secret', 'grafana-local', 'lit les valeurs du chart dans le Secret grafana-local', 'true'],
    ]);
  });

  it('reports a required valuesFrom Secret and a substituteFrom ConfigMap that do not exist', () => {
    expect(result.findings.map((f) => [f.code, f.resource])).toEqual([
      ['FFE-E-SECRET-MISSING', release],
      ['FFE-E-CONFIGMAP-MISSING', kustomization],
    ]);
    expect(result.findings[0].message).toContain('le Secret grafana-smtp (spec.valuesFrom[3])');
    expect(result.findings[1].hint).toBe('Ajoutez le ConfigMap cluster-vars dans le namespace flux-system ou corrigez spec.postBuild.substituteFrom[0].');
  });

  it('takes the deploy key written by flux bootstrap as provided', () => {
    const git = key('source.toolkit.fluxcd.io', 'GitRepository', 'flux-system', 'flux-system');
    expect(usesFrom(result, git)).toEqual([
      [
        'uses-secret',
        key('', 'Secret', 'flux-system', 'flux-system'),
        'lit les identifiants d’accès à la source dans le Secret flux-system',
        { provider: 'flux bootstrap', fields: 'spec.secretRef', external: 'true' },
      ],
    ]);
  });
});

describe('Traefik Middleware → the users of its authentication', () => {
  it('relates a basicAuth middleware to its sealed users Secret', () => {
    const result = relationsOf('middleware-secrets');
    expect(usesFrom(result, key('traefik.io', 'Middleware', 'ffe', 'admin-auth')).map(([, to, reason]) => [to, reason])).toEqual([
      [key('', 'Secret', 'ffe', 'admin-users'), 'lit les utilisateurs de l’authentification basique dans le Secret admin-users'],
    ]);
    expect(result.findings).toEqual([]);
  });
});
