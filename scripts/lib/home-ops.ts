// A generated GitOps repository of the shape of the public « home-ops » ones (bjw-s-labs/home-ops, onedr0p/home-ops):
// one cluster, Flux, one folder per namespace and one per application, each application a Flux Kustomization
// (`ks.yaml`, with its `dependsOn`) applying a folder that holds a HelmRelease of bjw-s' app-template, its
// OCIRepository, a network policy, and for most a volume with its backup and restore and a secret from an external
// store, for half a ConfigMap: about eight objects per application, so 80 applications make about 630 resources, as
// bjw-s-labs/home-ops.
// Used by `npm run bench` (the large-repository case and the scaling series) and by the view tests, as files.

export interface RepositoryFile {
  path: string;
  text: string;
}

/** The namespaces applications are spread over, in the order they fill (home-ops' own names). */
const NAMESPACES = ['media', 'downloads', 'selfhosted', 'observability', 'home-automation', 'ai', 'network', 'security', 'database', 'dev', 'system', 'kube-system'];

/** Applications that others wait for (`dependsOn`): the first of the first namespaces, as storage or secrets are. */
const CORE = 3;

export interface HomeOpsShape {
  applications: number;
  /** Applications per namespace; default: spread over the twelve namespaces, at most 12 each, then more namespaces. */
  perNamespace?: number;
}

function namespaceOf(index: number, perNamespace: number): string {
  const n = Math.floor(index / perNamespace);
  return n < NAMESPACES.length ? NAMESPACES[n] : `apps-${String(n).padStart(3, '0')}`;
}

const name = (index: number): string => `app-${String(index).padStart(4, '0')}`;

function ks(ns: string, app: string, dependsOn: string[], stateful: boolean): string {
  return `---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${app}
  namespace: ${ns}
spec:
${dependsOn.length > 0 ? `  dependsOn:\n${dependsOn.map((d) => `    - name: ${d.split('/')[1]}\n      namespace: ${d.split('/')[0]}`).join('\n')}\n` : ''}  interval: 1h
  path: ./kubernetes/apps/${ns}/${app}/app
  postBuild:
    substitute:
      APP: ${app}${stateful ? '\n      VOLSYNC_CAPACITY: 5Gi' : ''}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
  targetNamespace: ${ns}
  wait: false
`;
}

function helmRelease(ns: string, app: string, index: number, stateful: boolean): string {
  return `---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  chartRef:
    kind: OCIRepository
    name: ${app}
  interval: 30m
  values:
    controllers:
      ${app}:
        containers:
          app:
            image:
              repository: ghcr.io/home-operations/${app}
              tag: 1.${index % 20}.${index % 7}
            env:
              TZ: Europe/Paris
            resources:
              requests: { cpu: 10m, memory: 128Mi }
              limits: { memory: 512Mi }
    service:
      app:
        ports:
          http:
            port: 8080
    route:
      app:
        hostnames: ["${app}.example.org"]
        parentRefs:
          - name: envoy-external
            namespace: network
${stateful ? `    persistence:\n      config:\n        existingClaim: ${app}\n` : ''}`;
}

function ociRepository(ns: string, app: string): string {
  return `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  interval: 15m
  layerSelector:
    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
    operation: copy
  ref:
    tag: 4.4.0
  url: oci://ghcr.io/bjw-s-labs/helm/app-template
`;
}

function networkPolicy(ns: string, app: string): string {
  return `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: network
      ports:
        - port: 8080
`;
}

function storage(ns: string, app: string): string {
  return `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: ceph-block
  resources:
    requests:
      storage: 5Gi
---
apiVersion: volsync.backube/v1alpha1
kind: ReplicationSource
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  sourcePVC: ${app}
  trigger:
    schedule: "0 * * * *"
  kopia:
    repository: ${app}-volsync-secret
    copyMethod: Snapshot
---
apiVersion: volsync.backube/v1alpha1
kind: ReplicationDestination
metadata:
  name: ${app}-dst
  namespace: ${ns}
spec:
  trigger:
    manual: restore-once
  kopia:
    repository: ${app}-volsync-secret
    copyMethod: Snapshot
    capacity: 5Gi
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: onepassword
  target:
    name: ${app}-volsync-secret
  dataFrom:
    - extract:
        key: ${app}
`;
}

function settings(ns: string, app: string): string {
  return `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-settings
  namespace: ${ns}
data:
  LOG_LEVEL: info
`;
}

const kustomization = (resources: string[], namespace?: string): string =>
  `---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${namespace ? `namespace: ${namespace}\n` : ''}resources:\n${resources.map((r) => `  - ${r}`).join('\n')}\n`;

/** The repository's files, paths from its root. */
export function homeOpsRepository(shape: HomeOpsShape): RepositoryFile[] {
  const perNamespace = shape.perNamespace ?? Math.min(12, Math.max(1, Math.ceil(shape.applications / NAMESPACES.length)));
  const files: RepositoryFile[] = [
    {
      path: 'kubernetes/flux/cluster/ks.yaml',
      text: `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1h
  url: https://github.com/example/home-ops
  ref:
    branch: main
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: cluster-apps
  namespace: flux-system
spec:
  interval: 1h
  path: ./kubernetes/apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
    },
  ];
  const byNamespace = new Map<string, string[]>();
  for (let i = 0; i < shape.applications; i++) {
    const ns = namespaceOf(i, perNamespace);
    const app = name(i);
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), app]);
    const stateful = i % 5 !== 4;
    const configured = i % 2 === 0;
    // The first applications are what the others need (storage, secrets); each of the others waits for one or two.
    const dependsOn = i < CORE ? [] : [...new Set([i % CORE, (i * 7) % CORE])].map((d) => `${namespaceOf(d, perNamespace)}/${name(d)}`);
    const dir = `kubernetes/apps/${ns}/${app}`;
    files.push(
      { path: `${dir}/ks.yaml`, text: ks(ns, app, dependsOn, stateful) },
      { path: `${dir}/app/helmrelease.yaml`, text: helmRelease(ns, app, i, stateful) },
      { path: `${dir}/app/ocirepository.yaml`, text: ociRepository(ns, app) },
      { path: `${dir}/app/networkpolicy.yaml`, text: networkPolicy(ns, app) },
      ...(stateful ? [{ path: `${dir}/app/storage.yaml`, text: storage(ns, app) }] : []),
      ...(configured ? [{ path: `${dir}/app/configmap.yaml`, text: settings(ns, app) }] : []),
      {
        path: `${dir}/app/kustomization.yaml`,
        text: kustomization(['./helmrelease.yaml', './ocirepository.yaml', './networkpolicy.yaml', ...(stateful ? ['./storage.yaml'] : []), ...(configured ? ['./configmap.yaml'] : [])]),
      },
    );
  }
  const namespaces = [...byNamespace.keys()];
  for (const [ns, apps] of byNamespace) {
    files.push(
      { path: `kubernetes/apps/${ns}/namespace.yaml`, text: `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n` },
      { path: `kubernetes/apps/${ns}/kustomization.yaml`, text: kustomization(['./namespace.yaml', ...apps.map((a) => `./${a}/ks.yaml`)], ns) },
    );
  }
  files.push({ path: 'kubernetes/apps/kustomization.yaml', text: kustomization(namespaces.map((ns) => `./${ns}`)) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
