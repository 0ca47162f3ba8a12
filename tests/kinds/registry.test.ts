// The kind registry: one entry per API group and kind, and what each entry says is what the rest of the site does.
import { describe, expect, it } from 'vitest';
import { environmentFromYaml, kindEntry, kindLabel, KINDS, type KubeObject, modelFromYaml, nodeClassOf, podTemplateOf, redactObject, workloadOf } from '../../src/infra/index.ts';
import { resourceNode, envContext } from '../../src/views/context.ts';

describe('the kind registry', () => {
  it('has one entry per API group and kind', () => {
    const ids = KINDS.flatMap((k) => [k.group, ...(k.servedAlsoUnder ?? []), ...(k.formerGroups ?? [])].map((g) => `${g}/${k.kind}`));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads every workload kind’s pods at the pod template its entry names, and no other kind’s', () => {
    const workloads = KINDS.filter((k) => k.workload);
    expect(workloads.map((k) => k.kind).sort()).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);
    for (const entry of workloads) {
      // The pod template at the entry's path (`[]`: the object is the pod), and nothing anywhere else.
      const pod = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
      const object = { apiVersion: entry.group ? `${entry.group}/v1` : 'v1', kind: entry.kind, metadata: { name: 'web' }, spec: {} } as KubeObject;
      const at = entry.workload!.template;
      if (at.length === 0) Object.assign(object, pod);
      else at.slice(0, -1).reduce<Record<string, unknown>>((parent, key) => (parent[key] ??= {}) as Record<string, unknown>, object)[at[at.length - 1]] = pod;
      expect(workloadOf(object)?.containers.map((c) => c.image), entry.kind).toEqual(['web:1']);
      expect(podTemplateOf(object)?.labels, entry.kind).toEqual({ app: 'web' });
    }
    const foreign = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'a' }] } } } };
    expect(workloadOf(foreign)).toBeUndefined();
  });

  it('names a kind by its API group: a Cluster is a PostgreSQL cluster only for CloudNativePG', () => {
    // Labels, node classes and shapes were keyed by kind name alone: any `Cluster` became « Cluster PostgreSQL ».
    expect(kindLabel({ group: 'postgresql.cnpg.io', kind: 'Cluster' })).toBe('Cluster PostgreSQL');
    expect(kindLabel({ group: 'cluster.x-k8s.io', kind: 'Cluster' })).toBe('Cluster');
    expect(nodeClassOf({ group: 'cluster.x-k8s.io', kind: 'Cluster' })).toBe('other');
    const model = modelFromYaml(
      'apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata: {name: c, namespace: ns}\n---\napiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: db, namespace: ns}\n',
      { checks: [] },
    );
    const ctx = envContext(model, 'default');
    // `ns`, not `n`: Kubernetes reads YAML 1.1, where a bare `n` is the boolean false.
    expect(resourceNode(ctx, 'default/cluster.x-k8s.io/Cluster/ns/c')).toMatchObject({ label: 'Cluster c', cls: 'other' });
    expect(resourceNode(ctx, 'default/postgresql.cnpg.io/Cluster/ns/db')).toMatchObject({ label: 'Cluster PostgreSQL db', cls: 'data', shape: 'cylinder' });
  });

  it('knows the secret-manager operators’ kinds: drawn as secrets, their Secrets made elsewhere', () => {
    for (const [group, kind] of [['external-secrets.io', 'ExternalSecret'], ['onepassword.com', 'OnePasswordItem'], ['secrets.infisical.com', 'InfisicalSecret']]) {
      expect(nodeClassOf({ group, kind }), kind).toBe('secret');
    }
    // The target Secret is named after the ExternalSecret unless it says otherwise.
    const model = modelFromYaml(
      `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: db, namespace: app}
spec: {target: {name: db-creds}}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: cache, namespace: app}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: app}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'web:1', envFrom: [{secretRef: {name: db-creds}}, {secretRef: {name: cache}}]}]`,
      { checks: [] },
    );
    expect(model.findings).toEqual([]);
    const uses = model.relations.filter((r) => r.type === 'uses-secret').map((r) => [r.to, r.detail?.producedBy]);
    expect(uses).toEqual([
      ['default/core/Secret/app/cache', 'default/external-secrets.io/ExternalSecret/app/cache'],
      ['default/core/Secret/app/db-creds', 'default/external-secrets.io/ExternalSecret/app/db'],
    ]);
  });

  it('reads a kind served under a former API group the same way', () => {
    expect(kindEntry('traefik.containo.us', 'IngressRoute')).toBe(kindEntry('traefik.io', 'IngressRoute'));
  });

  it('knows the scope of built-in kinds, and takes a custom resource’s from its CRD', () => {
    const env = environmentFromYaml(
      'test',
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast, namespace: ignored}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec: {group: example.com, scope: Cluster, names: {kind: Widget, plural: widgets}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: ignored}`,
    );
    expect(env.resources.filter((r) => r.id.kind !== 'CustomResourceDefinition').map((r) => [r.id.kind, r.id.namespace])).toEqual([
      ['Widget', undefined],
      ['StorageClass', undefined],
    ]);
  });

  it('masks every value the registry marks secret, even a value that is not a mapping', () => {
    // A Secret whose `data` was a string (not a mapping) was published as written.
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: 'c2VjcmV0' }, stringData: 'oops' } as KubeObject;
    expect(redactObject(secret, '•')).toMatchObject({ data: { token: '•' }, stringData: '•' });
    const sealed = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's' }, spec: { encryptedData: { a: 'AgB…' } } } as KubeObject;
    expect(redactObject(sealed, '•')).toMatchObject({ spec: { encryptedData: { a: '•' } } });
  });
});

describe('built-in objects', () => {
  it('count as existing wherever they are referenced, with who provides them', () => {
    // Flux's deploy key was known to custom resources only: a workload mounting it got a false « Secret missing ».
    const model = modelFromYaml(
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: sync, namespace: flux-system}
spec:
  template:
    spec:
      containers: [{name: git, image: git:1, envFrom: [{secretRef: {name: flux-system}}]}]
      volumes: [{name: ca, configMap: {name: kube-root-ca.crt}}]
`,
      { checks: [] },
    );
    expect(model.findings).toEqual([]);
    expect(model.relations.map((r) => [r.to.split('/').at(-1), r.detail?.provider])).toEqual([
      ['kube-root-ca.crt', 'Kubernetes'],
      ['flux-system', 'flux bootstrap'],
    ]);
  });
});
