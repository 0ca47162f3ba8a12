// The Git ↔ cluster comparison reads objects through the same kind parsers as the relations, the endpoints and the
// pages: fed the same objects, they agree by construction. It once had readings of its own, which disagreed: Traefik
// `Host('…')` in single quotes had no host for it, a GRPCRoute none at all, the Git side of a value pointed at the
// object's first line.
import { describe, expect, it } from 'vitest';
import { compareWithSnapshot, endpointsOf, modelFromYaml, parseSnapshot, type Drift, type Model } from '../../src/infra/index.ts';

const GIT = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: shop, namespace: shop}
spec:
  routes:
    - match: Host('shop.example.org') && PathPrefix('/')
      services: [{name: web, port: 80}]
    - match: Host(\`api.example.org\`)
      services: [{name: web, port: 80}]
---
apiVersion: traefik.io/v1alpha1
kind: IngressRouteTCP
metadata: {name: db, namespace: shop}
spec:
  routes:
    - match: HostSNI(\`db.example.org\`)
      services: [{name: web, port: 80}]
  tls: {secretName: db-tls}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: grpc, namespace: shop}
spec:
  hostnames: [grpc.example.org]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: www, namespace: shop}
spec:
  hostnames: [www.example.org, example.org]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: legacy, namespace: shop}
spec:
  tls: [{hosts: [legacy.example.org], secretName: legacy-tls}]
  rules:
    - host: legacy.example.org
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'ghcr.io/demo/web:1.0.0'}]
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: stack, namespace: argocd}
spec:
  destination: {namespace: shop}
  sources:
    - {chart: redis, repoURL: 'https://charts.example.org', targetRevision: 19.0.1}
    - {chart: postgresql, repoURL: 'https://charts.example.org', targetRevision: 15.2.0}
`;

/** The cluster's export of the same objects, with some values changed. */
function clusterOf(text: string): ReturnType<typeof parseSnapshot> {
  const items = text
    .split('\n---\n')
    .map((doc) => `- ${doc.trim().split('\n').join('\n  ')}`)
    .join('\n');
  return parseSnapshot('cluster.yaml', `apiVersion: v1\nkind: List\nitems:\n${items}\n`);
}

function compare(cluster: string): { model: Model; differences: Drift[] } {
  const model = modelFromYaml([{ path: 'git.yaml', text: GIT, env: 'production' }], { checks: [] });
  const snapshot = clusterOf(cluster);
  if (!snapshot.ok) throw new Error(JSON.stringify(snapshot.findings));
  return { model, differences: compareWithSnapshot(model, 'production', snapshot.snapshot).differences };
}

describe('the comparison and the relations, fed the same objects', () => {
  it('find nothing to report when the cluster holds what Git says', () => {
    expect(compare(GIT).differences).toEqual([]);
  });

  it('read the hosts of every route kind the way the endpoints do', () => {
    const { model, differences } = compare(GIT.replaceAll('example.org', 'example.net'));
    const env = model.environments[0];
    const routes = ['IngressRoute shop/shop', 'IngressRouteTCP shop/db', 'GRPCRoute shop/grpc', 'HTTPRoute shop/www', 'Ingress shop/legacy'];
    const hosts = differences.filter((d) => d.value?.slot === 'hosts');
    expect(hosts.map((d) => d.subject.label).sort()).toEqual([...routes].sort());
    for (const drift of hosts) {
      const published = [...new Set(endpointsOf(env).filter((e) => e.route === drift.resourceKey).map((e) => e.host))].sort();
      expect(published.length, drift.subject.label).toBeGreaterThan(0);
      expect(drift.value!.git, drift.subject.label).toBe(published.join(', '));
      expect(drift.value!.cluster, drift.subject.label).toBe(published.map((h) => h.replace('example.org', 'example.net')).join(', '));
    }
  });

  it('compare the TLS secret of a TCP route and every chart of a multi-source Application', () => {
    const { differences } = compare(GIT.replace('secretName: db-tls', 'secretName: db-tls-new').replace('targetRevision: 15.2.0', 'targetRevision: 15.3.0'));
    expect(differences.map((d) => [d.subject.label, d.value?.slot, d.value?.git, d.value?.cluster])).toEqual([
      ['Application argocd/stack', 'chart:postgresql', 'postgresql 15.2.0', 'postgresql 15.3.0'],
      ['IngressRouteTCP shop/db', 'tls', 'db-tls', 'db-tls-new'],
    ]);
  });

  it('point at the line of the value on both sides', () => {
    const { differences } = compare(GIT.replace('replicas: 2', 'replicas: 5'));
    const [scaled] = differences;
    expect(scaled.value).toMatchObject({ slot: 'replicas', git: '2', cluster: '5' });
    expect(GIT.split('\n')[scaled.git!.line - 1]).toBe('  replicas: 2');
    expect(scaled.git!.path).toBe('git.yaml');
    expect(scaled.cluster!.line).toBeGreaterThan(1);
  });
});
