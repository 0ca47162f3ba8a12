// What the architecture pages quote from the manifests: each value read from a fixture model, and a clear French
// error when a page names something that does not exist.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';
import { alertRows } from '../../src/views/tables/alerts.ts';
import { bootstrapCommand } from '../../src/views/prose/bootstrap-command.ts';
import { chartVersion } from '../../src/views/prose/chart-version.ts';
import { countOf, countText } from '../../src/views/prose/count.ts';
import { databaseRecovery } from '../../src/views/prose/database-recovery.ts';
import { environmentDifference } from '../../src/views/prose/environment-difference.ts';
import { fluxSteps } from '../../src/views/prose/flux-steps.ts';
import { imageVersion } from '../../src/views/prose/image-version.ts';
import { issuerRows } from '../../src/views/prose/issuers.ts';
import { hostsOf, publicHostList } from '../../src/views/prose/public-hosts.ts';
import { sealedSecretRows } from '../../src/views/tables/sealed-secrets.ts';
import { securityRows } from '../../src/views/tables/security.ts';
import { volumeRestore } from '../../src/views/prose/volume-restore.ts';
import { shopModel } from './helpers.ts';

const prose = (name: string): string => readFileSync(new URL(`../fixtures/prose/${name}`, import.meta.url), 'utf8');
const platform = () =>
  modelFromYaml(
    [
      { env: 'production', path: 'infra/platform.yaml', text: prose('platform.yaml') },
      { env: 'production', path: 'clusters/prod/flux.yaml', text: prose('clusters.yaml') },
    ],
    { checks: [] },
  );

describe('numbers quoted in prose', () => {
  it('counts the resources of a kind, in an environment or one namespace', () => {
    expect(countOf(shopModel(), { env: 'production', kind: 'NetworkPolicy' })).toBe(3);
    expect(countOf(shopModel(), { kind: 'Namespace', env: 'staging' })).toBe(2);
    expect(countText(3, 'règle')).toBe('3\u00a0règles');
    expect(countText(1, 'règle')).toBe('1\u00a0règle');
  });

  it('refuses a kind that does not exist, suggesting the nearest one', () => {
    expect(() => countOf(shopModel(), { env: 'production', kind: 'Deploiment' })).toThrow(/vouliez-vous dire « Deployment »/);
  });
});

describe('versions quoted in prose', () => {
  it('gives the tag a workload runs in each environment, linked to its page', () => {
    const production = imageVersion(shopModel(), { env: 'production', namespace: 'shop', name: 'web' });
    expect(production.version).toBe('1.3.2');
    expect(production.resource.href).toBe('/infra/production/shop/deployment/web/');
    expect(imageVersion(shopModel(), { namespace: 'shop', name: 'web', env: 'staging' }).version).toBe('1.4.0');
  });

  it('reads the PostgreSQL image of a database cluster', () => {
    expect(imageVersion(shopModel(), { env: 'production', namespace: 'shop', name: 'shop-db' }).version).toBe('17.6');
  });

  it('names the containers that exist when asked for another', () => {
    expect(() => imageVersion(shopModel(), { env: 'production', namespace: 'shop', name: 'web', container: 'nginx' })).toThrow(/conteneurs : web/);
  });

  it('suggests the nearest workload for a misspelt name', () => {
    expect(() => imageVersion(shopModel(), { env: 'production', namespace: 'shop', name: 'wbe' })).toThrow(/« web »/);
  });

  it('gives the chart version a HelmRelease pins, and none for the chart k3s brings', () => {
    expect(chartVersion(platform(), { env: 'production', namespace: 'cert-manager', name: 'cert-manager' })).toMatchObject({ chart: 'cert-manager', version: 'v1.19.1' });
    expect(chartVersion(shopModel(), { env: 'production', namespace: 'kube-system', name: 'traefik' }).version).toBeUndefined();
  });
});

describe('the Flux chain', () => {
  it('lists the Kustomizations in dependsOn order, the root first, parallel layers in the same wave', () => {
    const steps = fluxSteps(platform(), 'production');
    expect(steps.map((s) => `${s.wave}:${s.name}`)).toEqual(['1:flux-system', '2:infra', '3:apps', '3:monitoring']);
    expect(steps[0].kustomizations.map((k) => k.label)).toEqual([
      'Kustomization flux-system/apps',
      'Kustomization flux-system/infra',
      'Kustomization flux-system/monitoring',
    ]);
    expect(steps[2].dependsOn.map((d) => d.label)).toEqual(['Kustomization flux-system/infra']);
    expect(steps[2].declaredBy?.label).toBe('Kustomization flux-system/flux-system');
    expect(steps[1].waits).toBe(true);
  });

  it('says what each Kustomization deploys, per namespace', () => {
    const apps = fluxSteps(shopModel(), 'production').find((s) => s.name === 'apps')!;
    expect(apps.dependsOn.map((d) => d.label)).toEqual(['Kustomization flux-system/infrastructure']);
    expect(apps.namespaces.find((n) => n.namespace === 'shop')?.count).toBeGreaterThan(0);
  });

  it('builds the bootstrap command from the root Kustomization and its Git repository', () => {
    const bootstrap = bootstrapCommand(platform(), 'production');
    expect(bootstrap.command).toContain('--owner=acme --repository=infra --branch=main');
    expect(bootstrap.command).toContain('--path=./clusters/prod');
  });
});

describe('hosts and environments', () => {
  it('lists each public host once with the workload that answers', () => {
    const hosts = publicHostList(shopModel(), 'staging');
    expect(hosts.map((h) => h.url)).toEqual(['https://staging.shop.example/']);
    expect(hosts[0].workloads.map((w) => w.label)).toEqual(['Deployment shop/web']);
    expect(hostsOf(shopModel(), { env: 'production', namespace: 'shop', name: 'web' }).map((h) => h.host)).toEqual(['shop.example']);
  });

  it('refuses to give a host for a workload that is not published', () => {
    expect(() => hostsOf(shopModel(), { env: 'production', namespace: 'shop', name: 'cleanup' })).toThrow(/n’est publié sur aucun nom d’hôte/);
  });

  it('sums up what differs between staging and production in one French sentence', () => {
    const diff = environmentDifference(shopModel(), 'staging', 'production');
    expect(diff).toMatchObject({ versions: 1, untested: 0, replicas: 1, onlyLeft: 1, onlyRight: 1, sharedHosts: 0 });
    expect(diff.sentence).toContain('Ce qui diffère : 1\u00a0version, 1\u00a0nombre de répliques');
    expect(diff.sentence).toContain('chaque environnement publie ses propres noms d’hôte');
  });

  it('tells a test certificate authority from the real one, with the hosts each signs', () => {
    const rows = issuerRows(platform(), 'production');
    expect(rows.map((r) => `${r.name}:${r.test}`)).toEqual(['acme-real:false', 'acme-test:true']);
    expect(issuerRows(shopModel(), 'production').length).toBe(0);
  });
});

describe('security, secrets and alerts', () => {
  it('shows what a container may do, and the exception declared with its reason', () => {
    const [row] = securityRows(platform(), 'production');
    expect(row).toMatchObject({ nonRoot: true, readOnlyRoot: false, noPrivilegeEscalation: true, capabilitiesDropped: true, seccomp: true });
    expect(row.exemptions).toEqual([{ annotation: 'policy.ffe.fr/writable-root-filesystem', reason: 'le cache s’écrit dans l’image' }]);
  });

  it('lists the keys of a sealed secret, never a value, and who reads it', () => {
    const [row] = sealedSecretRows(platform(), 'production');
    expect(row.keys).toEqual(['API_KEY', 'TOKEN']);
    expect(JSON.stringify(row)).not.toContain('AgPLACEHOLDER');
    expect(row.usedBy.map((u) => u.label)).toEqual(['Deployment web/app']);
  });

  it('lists the alerts, not the recording rules', () => {
    expect(alertRows(platform(), 'production').map((a) => `${a.alert} ${a.severity} ${a.for} ${a.summary}`)).toEqual(['DatabaseDown critical 5m La base ne répond plus']);
  });
});

describe('restore how-tos', () => {
  it('writes a recovery cluster from the database’s own image, storage and backups, under a new name', () => {
    const recovery = databaseRecovery(shopModel(), { env: 'production', namespace: 'shop', name: 'shop-db' });
    expect(recovery.restoredName).toBe('shop-db-restore');
    expect(recovery.yaml).toContain('imageName: ghcr.io/cloudnative-pg/postgresql:17.6');
    expect(recovery.yaml).toContain('barmanObjectName: shop-backups');
    expect(recovery.yaml).toContain('serverName: shop-db');
    expect(recovery.objectStore?.href).toBe('/infra/production/shop/objectstore/shop-backups/');
  });

  it('writes a volume restore with the backend of the schedule that saves it', () => {
    const restore = volumeRestore(shopModel(), { env: 'production', namespace: 'shop', name: 'uploads' });
    expect(restore.yaml).toContain('claimName: uploads');
    expect(restore.schedule.label).toBe('Schedule shop/volumes');
  });
});
