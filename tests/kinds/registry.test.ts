// The kind registry: one entry per API group and kind, and what each entry says is what the rest of the site does.
import { describe, expect, it } from 'vitest';
import { environmentFromYaml, kindEntry, kindLabel, KINDS, modelFromYaml, nodeClassOf, redactObject, type KubeObject } from '../../src/infra/index.ts';
import { SECRET_MANAGER_KINDS } from '../../src/infra/kinds/secret-managers.ts';
import { WORKLOAD_KINDS, workloadPods } from '../../src/infra/kinds/workloads.ts';
import { resourceNode, envContext } from '../../src/views/context.ts';

describe('the kind registry', () => {
  it('has one entry per API group and kind', () => {
    const ids = KINDS.flatMap((k) => [k.group, ...(k.formerGroups ?? [])].map((g) => `${g}/${k.kind}`));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads pods with the workload parser for exactly the kinds that parser knows', () => {
    const withParser = KINDS.filter((k) => k.pods === workloadPods).map((k) => `${k.group}/${k.kind}`);
    expect(withParser.sort()).toEqual(WORKLOAD_KINDS.map((k) => `${k.group}/${k.kind}`).sort());
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

  it('knows the secret-manager operators’ kinds from their one table: drawn as secrets, their Secrets made elsewhere', () => {
    expect(SECRET_MANAGER_KINDS.map((m) => nodeClassOf(m))).toEqual(SECRET_MANAGER_KINDS.map(() => 'secret'));
    const external = SECRET_MANAGER_KINDS.find((m) => m.kind === 'ExternalSecret')!;
    expect(external.secrets({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db' }, spec: {} })).toEqual(['db']);
    expect(external.secrets({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db' }, spec: { target: { name: 'db-creds' } } })).toEqual(['db-creds']);
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
