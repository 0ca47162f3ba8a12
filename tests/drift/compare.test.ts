// The comparison rule by rule, on small models and exports written here: what counts as a difference, what is set
// aside and why, and what an unusable export says.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  compareWithSnapshot,
  DriftInputError,
  modelFromDocuments,
  modelFromYaml,
  parseManifest,
  parseSnapshot,
  snapshotTargets,
  type DriftReport,
  type Model,
} from '../../src/infra/index.ts';

const ENV = 'prod';

function gitModel(yaml: string): Model {
  return modelFromYaml([{ path: 'git.yaml', text: yaml, env: ENV }], { checks: [] });
}

/** An export as kubectl prints it: a List of the given objects. */
function exportOf(items: unknown[], header = '# export pris le 2025-03-04T05:06:07Z'): string {
  return `${header}\n${stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, { indentSeq: false })}`;
}

function compare(model: Model, items: unknown[]): DriftReport {
  const parsed = parseSnapshot('cluster.yaml', exportOf(items));
  if (!parsed.ok) throw new Error(parsed.findings.map((f) => f.message).join('\n'));
  return compareWithSnapshot(model, ENV, parsed.snapshot);
}

const summary = (report: DriftReport): string[] => report.differences.map((d) => `${d.type} ${d.subject.label}${d.value ? ` ${d.value.slot}: ${d.value.git} → ${d.value.cluster}` : ''}`);

const deployment = (name: string, extra: Record<string, unknown> = {}, namespace = 'shop') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'ghcr.io/shop/app:1.0.0' }] } }, ...extra },
});

describe('replicas', () => {
  it('are compared, the server default of 1 included', () => {
    const model = gitModel(stringify(deployment('web')));
    const report = compare(model, [deployment('web', { replicas: 2 })]);
    expect(summary(report)).toEqual(['value Deployment shop/web replicas: 1 (non écrit : valeur par défaut) → 2']);
  });

  it('belong to an autoscaler when one targets the workload, in Git or only in the cluster', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6 } };
    const inGit = gitModel([stringify(deployment('web', { replicas: 2 })), stringify(hpa)].join('---\n'));
    expect(summary(compare(inGit, [deployment('web', { replicas: 5 }), hpa]))).toEqual([]);
    const inCluster = gitModel(stringify(deployment('web', { replicas: 2 })));
    expect(summary(compare(inCluster, [deployment('web', { replicas: 5 }), hpa]))).toEqual(['cluster-only HorizontalPodAutoscaler shop/web']);
  });
});

describe('values a reader cares about', () => {
  const git = [
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' }, spec: { tls: [{ hosts: ['shop.example.org'], secretName: 'web-tls' }], rules: [{ host: 'shop.example.org' }] } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'report', image: 'ghcr.io/shop/report:2.0.0' }] } } } } } },
    { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'redis', namespace: 'shop' }, spec: { chart: { spec: { chart: 'redis', version: '20.1.0', sourceRef: { kind: 'HelmRepository', name: 'bitnami' } } } } },
  ];
  const model = gitModel(git.map((o) => stringify(o)).join('---\n'));

  it('are the same when written differently (1Gi and 1024Mi, nginx and docker.io/library/nginx)', () => {
    const cluster = structuredClone(git) as Record<string, any>[];
    cluster[0].spec.resources.requests.storage = '1024Mi';
    cluster[0].spec.volumeName = 'pvc-1234';
    cluster[2].spec.jobTemplate.spec.template.spec.containers[0].image = 'ghcr.io/shop/report:2.0.0';
    cluster[2].spec.suspend = false;
    expect(summary(compare(model, cluster))).toEqual([]);
  });

  it('differ on storage size, hosts, TLS secret, schedule, suspension and chart version', () => {
    const cluster = structuredClone(git) as Record<string, any>[];
    cluster[0].spec.resources.requests.storage = '2Gi';
    cluster[1].spec.rules.push({ host: 'beta.example.org' });
    cluster[1].spec.tls[0].secretName = 'web-tls-manual';
    cluster[2].spec.schedule = '30 3 * * *';
    cluster[2].spec.suspend = true;
    cluster[3].spec.chart.spec.version = '20.2.0';
    expect(summary(compare(model, cluster))).toEqual([
      'value CronJob shop/report schedule: 0 3 * * * → 30 3 * * *',
      'value CronJob shop/report suspend: actif (non écrit : valeur par défaut) → suspendu',
      'value HelmRelease shop/redis chart: redis 20.1.0 → redis 20.2.0',
      'value Ingress shop/web hosts: shop.example.org → beta.example.org, shop.example.org',
      'value Ingress shop/web tls: web-tls → web-tls-manual',
      'value PersistentVolumeClaim shop/data storage: 1Gi → 2Gi',
    ]);
  });
});

describe('objects of the cluster absent from Git', () => {
  const model = gitModel(
    stringify({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'redis', namespace: 'shop' }, spec: { chart: { spec: { chart: 'redis', version: '20.1.0' } } } }),
  );
  const helmObject = (kind: string, name: string, release: string, namespace = 'shop') => ({
    apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1',
    kind,
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'Helm' }, annotations: { 'meta.helm.sh/release-name': release, 'meta.helm.sh/release-namespace': namespace } },
  });
  const storage = (release: string, namespace = 'shop') => ({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.${release}.v1`, namespace, labels: { name: release, owner: 'helm' } },
    data: { release: 'SDRzSUFBQUFBQUFDLzhYYg==' },
  });

  it('are set aside when a declared Helm release made them', () => {
    const report = compare(model, [
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'redis', namespace: 'shop' }, spec: { chart: { spec: { chart: 'redis', version: '20.1.0' } } } },
      helmObject('Deployment', 'redis-master', 'redis'),
      helmObject('Service', 'redis', 'redis'),
      storage('redis'),
    ]);
    expect(summary(report)).toEqual([]);
    expect(report.ignored.map((i) => [i.rule, i.count])).toEqual([
      ['stockage-helm', 1],
      ['rendu-par-helm', 2],
    ]);
  });

  it('make one difference per Helm release nobody declares, however many objects it installed', () => {
    const report = compare(model, [
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'redis', namespace: 'shop' }, spec: { chart: { spec: { chart: 'redis', version: '20.1.0' } } } },
      helmObject('Deployment', 'grafana', 'grafana', 'tools'),
      helmObject('Service', 'grafana', 'grafana', 'tools'),
      helmObject('ConfigMap', 'grafana-dashboards', 'grafana', 'tools'),
      storage('grafana', 'tools'),
    ]);
    expect(summary(report)).toEqual(['cluster-only release Helm tools/grafana']);
    expect(report.differences[0].members).toHaveLength(4);
    expect(report.differences[0].hint).toContain('helm uninstall grafana -n tools');
  });

  it('say when Flux applied them once and no manifest describes them any more', () => {
    const report = compare(model, [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'old-settings', namespace: 'shop', labels: { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' } } },
    ]);
    expect(report.differences[0].message).toContain('la Kustomization flux-system/apps l’a appliqué');
    expect(report.differences[0].hint).toContain('prune');
  });

  it('report a Pod nobody owns as started by hand, and set aside the ones a controller owns', () => {
    const report = compare(model, [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers: [{ name: 'sh', image: 'busybox:1.37' }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-7d9f-abcde', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'x' }] } },
    ]);
    expect(summary(report)).toEqual(['cluster-only Pod shop/debug']);
    expect(report.differences[0].hint).toContain('kubectl run');
    expect(report.ignored.map((i) => i.rule)).toEqual(['proprietaire']);
  });
});

describe('identities', () => {
  it('follow the loader’s namespace rules: a Flux targetNamespace places objects written without one', () => {
    const documents = parseManifest('app.yaml', stringify(deployment('web', {}, undefined as unknown as string))).documents.map((d) => ({ ...d, targetNamespace: 'team-a' }));
    const model = modelFromDocuments([{ name: ENV, documents }], { checks: [] });
    expect(summary(compare(model, [deployment('web', { replicas: 1 }, 'team-a')]))).toEqual([]);
  });

  it('take the cluster’s word for which kinds are cluster-scoped (a CRD the manifests do not define)', () => {
    const model = gitModel(stringify({ apiVersion: 'example.org/v1', kind: 'Tenant', metadata: { name: 'acme' }, spec: {} }));
    // Nothing in Git says its scope: it is filed under no namespace (unknown), never guessed as `default`.
    expect(model.environments[0].resources[0].id.namespace).toBeUndefined();
    expect(summary(compare(model, [{ apiVersion: 'example.org/v1', kind: 'Tenant', metadata: { name: 'acme' }, spec: {} }]))).toEqual([]);
  });

  it('compare only the kinds the export holds, and say which were left out', () => {
    const model = gitModel([stringify(deployment('web')), stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } })].join('---\n'));
    const report = compare(model, [deployment('web')]);
    expect(summary(report)).toEqual([]);
    expect(report.notCompared).toEqual({ kinds: ['/Service'], resources: 1 });
  });
});

describe('Secrets in an export', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'api-token',
      namespace: 'shop',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"token":"valeur-en-clair-2f8e"}}' },
    },
    data: { token: 'dmFsZXVyLWVuLWJhc2U2NC05YzFh' },
    stringData: { other: 'autre-valeur-en-clair-77aa' },
  };

  for (const format of ['yaml', 'json'] as const) {
    it(`lose their values before anything reads them (${format})`, () => {
      const text = format === 'yaml' ? exportOf([secret]) : JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [secret] }, null, 4);
      const parsed = parseSnapshot(`cluster.${format}`, text);
      if (!parsed.ok) throw new Error('unreadable');
      const [object] = parsed.snapshot.objects;
      expect(object.secretKeys).toEqual(['other', 'token']);
      expect(parsed.snapshot.secretsWithValues).toEqual(['shop/api-token']);
      const kept = JSON.stringify(parsed.snapshot.objects.map((o) => o.object));
      for (const value of ['dmFsZXVyLWVuLWJhc2U2NC05YzFh', 'valeur-en-clair-2f8e', 'autre-valeur-en-clair-77aa']) expect(kept).not.toContain(value);
      const report = compareWithSnapshot(gitModel(''), ENV, parsed.snapshot);
      expect(report.differences[0].message).toBe('Secret shop/api-token : dans le cluster, dans aucun manifeste (clés : other, token).');
      expect(report.warnings.map((w) => w.code)).toEqual(['FFE-W-SNAPSHOT-SECRET-VALUES']);
    });
  }

  it('raise no warning when exported with their key names only', () => {
    const parsed = parseSnapshot('cluster.yaml', exportOf([{ ...secret, metadata: { name: 'api-token', namespace: 'shop' }, data: { token: '' }, stringData: undefined }]));
    if (!parsed.ok) throw new Error('unreadable');
    expect(parsed.snapshot.secretsWithValues).toEqual([]);
    expect(parsed.snapshot.objects[0].secretKeys).toEqual(['token']);
  });
});

describe('the export’s date', () => {
  it('is read from its header comment, else from the latest change it records', () => {
    const dated = parseSnapshot('a.yaml', exportOf([deployment('web')], '# Export du cluster prod, 2025-06-02T07:45:00Z'));
    expect(dated.ok && [dated.snapshot.takenAt, dated.snapshot.takenAtSource]).toEqual(['2025-06-02T07:45:00.000Z', 'header']);
    const object = { ...deployment('web'), metadata: { name: 'web', namespace: 'shop', creationTimestamp: '2025-01-01T00:00:00Z', managedFields: [{ manager: 'kubectl', time: '2025-05-01T10:00:00Z' }] } };
    const undated = parseSnapshot('b.yaml', exportOf([object], ''));
    expect(undated.ok && [undated.snapshot.takenAt, undated.snapshot.takenAtSource]).toEqual(['2025-05-01T10:00:00.000Z', 'objects']);
    expect(undated.ok && JSON.stringify(undated.snapshot.objects[0].object)).not.toContain('managedFields');
  });
});

describe('an unusable export', () => {
  it('is refused with the file, the line and what to do', () => {
    const broken = parseSnapshot('cluster.yaml', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a\n');
    expect(broken.ok).toBe(false);
    if (broken.ok) return;
    expect(broken.findings[0]).toMatchObject({ code: 'FFE-E-SNAPSHOT-YAML', location: { path: 'cluster.yaml' } });
    expect(broken.findings[0].location!.line).toBeGreaterThan(3);
    const incomplete = parseSnapshot('cluster.yaml', exportOf([{ apiVersion: 'v1', metadata: { name: 'x' } }], ''));
    expect(!incomplete.ok && incomplete.findings.map((f) => [f.code, f.location?.line, f.message])).toEqual([['FFE-E-SNAPSHOT-OBJECT', 4, 'Élément de l’export illisible : objet sans kind.']]);
    const empty = parseSnapshot('cluster.yaml', 'apiVersion: v1\nkind: List\nitems: []\n');
    expect(!empty.ok && empty.findings[0].code).toBe('FFE-E-SNAPSHOT-EMPTY');
  });

  it('is named after its environment, or the command says how', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ffe-drift-targets-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'exports'));
    for (const name of ['production.yaml', 'staging.json', 'README.md']) writeFileSync(join(dir, 'exports', name), '');
    writeFileSync(join(dir, 'cluster.yaml'), '');
    const envs = ['production', 'staging'];
    expect(snapshotTargets('exports', envs, { cwd: dir }).map((t) => t.env)).toEqual(['production', 'staging']);
    expect(snapshotTargets('exports', envs, { cwd: dir, env: 'staging' }).map((t) => t.env)).toEqual(['staging']);
    expect(snapshotTargets('cluster.yaml', envs, { cwd: dir, env: 'production' }).map((t) => t.env)).toEqual(['production']);
    expect(snapshotTargets('cluster.yaml', ['main'], { cwd: dir }).map((t) => t.env)).toEqual(['main']);
    expect(() => snapshotTargets('cluster.yaml', envs, { cwd: dir })).toThrow(/nommez le fichier d’après l’environnement \(production\.yaml, staging\.yaml\) ou précisez --env/);
    expect(() => snapshotTargets('absent.yaml', envs, { cwd: dir })).toThrow(DriftInputError);
    expect(() => snapshotTargets('exports', envs, { cwd: dir, env: 'preprod' })).toThrow(/« preprod » inconnu : les manifestes ont production, staging/);
    writeFileSync(join(dir, 'exports', 'prod.yaml'), '');
    expect(() => snapshotTargets('exports', envs, { cwd: dir })).toThrow(/« prod\.yaml » ne correspond à aucun environnement/);
  });
});
