import { describe, expect, it } from 'vitest';
import { type Finding, modelFromYaml } from '../../src/infra/index.ts';

const codesOf = (findings: Finding[]) => findings.map((f) => f.code);
const checksOf = (yaml: string) => modelFromYaml(yaml).findings;

const HEALTHY_CONTAINER = `
        - name: app
          image: ghcr.io/demo/app:1.0.0
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          readinessProbe: {httpGet: {path: /, port: 80}}
          livenessProbe: {httpGet: {path: /, port: 80}}
          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}`;

const LABELS = '{app: web, app.kubernetes.io/name: web, app.kubernetes.io/part-of: demo}';

const deployment = (containers: string, namespace = 'app') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}, labels: ${LABELS}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: ${LABELS}}
    spec:
      containers:${containers}
`;
const POLICY = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: app}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

describe('a healthy workload', () => {
  it('raises no finding at all', () => {
    expect(checksOf(deployment(HEALTHY_CONTAINER) + POLICY)).toEqual([]);
  });
});

describe('workload warnings', () => {
  it('warns about an image without a version or on latest, naming it', () => {
    const findings = checksOf(deployment(HEALTHY_CONTAINER.replace('ghcr.io/demo/app:1.0.0', 'nginx:latest')) + POLICY);
    expect(codesOf(findings)).toEqual(['FFE-W-IMAGE-UNPINNED']);
    expect(findings[0].message).toContain('nginx:latest');
    expect(findings[0].severity).toBe('warning');
  });

  it('warns about missing requests, memory limit and probes separately', () => {
    const bare = `
        - name: app
          image: ghcr.io/demo/app:1.0.0
          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}`;
    expect(codesOf(checksOf(deployment(bare) + POLICY))).toEqual(['FFE-W-LIMITS-MISSING', 'FFE-W-PROBES-MISSING', 'FFE-W-REQUESTS-MISSING']);
  });

  it('does not ask a Job for probes', () => {
    const job = `apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: app, labels: ${LABELS}}
spec:
  template:
    metadata: {labels: ${LABELS}}
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ghcr.io/demo/app:1.0.0
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`;
    expect(codesOf(checksOf(job + POLICY))).toEqual([]);
  });

  it('warns once per namespace that runs pods without any NetworkPolicy', () => {
    const two = deployment(HEALTHY_CONTAINER) + '---\n' + deployment(HEALTHY_CONTAINER).replace('name: web', 'name: api');
    const findings = checksOf(two);
    expect(codesOf(findings)).toEqual(['FFE-W-NETWORKPOLICY-MISSING']);
    expect(findings[0].message).toContain('« app »');
  });

  it('locates a namespace without default deny at its Namespace object when there is one', () => {
    const namespace = '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: app}\n';
    const model = modelFromYaml([
      { path: 'web.yaml', text: deployment(HEALTHY_CONTAINER) },
      { path: 'namespace.yaml', text: `# the app\n${namespace}` },
    ]);
    expect(model.findings).toEqual([
      expect.objectContaining({
        code: 'FFE-W-NETWORKPOLICY-MISSING',
        location: { path: 'namespace.yaml', line: 3 },
        resource: 'default/core/Namespace/_cluster/app',
      }),
    ]);
  });

  it('judges objects in the namespace they are deployed to, even when their file names none', () => {
    const unnamed = deployment(HEALTHY_CONTAINER).replace(', namespace: app', '');
    const policy = POLICY.replace(', namespace: app', '');
    expect(checksOf(unnamed + policy)).toEqual([]);
    const findings = checksOf(unnamed);
    expect(findings[0].message).toContain('« default »');
  });
});

describe('platform house rules', () => {
  it('warns about a container that may escalate or run as root, at the workload’s line', () => {
    const loose = HEALTHY_CONTAINER.replace(/\n {10}securityContext: .*/, '');
    const model = modelFromYaml([{ path: 'web.yaml', text: `# web\n${deployment(loose)}${POLICY}` }]);
    expect(model.findings).toEqual([
      expect.objectContaining({
        code: 'FFE-W-SECURITY-CONTEXT',
        severity: 'warning',
        location: { path: 'web.yaml', line: 2 },
        env: 'default',
        resource: 'default/apps/Deployment/app/web',
      }),
    ]);
    expect(model.findings[0].message).toContain('runAsNonRoot');
    expect(model.findings[0].hint).toContain('policy.ffe.fr/allow-root');
  });

  it('notes missing app.kubernetes.io labels without warning', () => {
    const findings = checksOf(deployment(HEALTHY_CONTAINER).replace(`labels: ${LABELS}}`, 'labels: {app: web}}') + POLICY);
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['notice FFE-N-LABELS']);
  });

  it('warns about an Ingress served without TLS', () => {
    const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: app, labels: ${LABELS}}
spec:
  rules:
    - host: web.example
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
`;
    const findings = checksOf(ingress).filter((f) => f.code === 'FFE-W-INGRESS-TLS');
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('aucune annotation cert-manager.io/cluster-issuer'),
      expect.stringContaining('aucune section tls'),
    ]);
  });
});

describe('error checks', () => {
  it('refuses a Secret that carries plaintext data, naming its keys', () => {
    const findings = checksOf('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: aHVudGVyMg==}\n');
    expect(codesOf(findings)).toEqual(['FFE-E-SECRET-PLAINTEXT']);
    expect(findings[0].message).toContain('password');
  });

  it('accepts an empty Secret and a SOPS-encrypted one', () => {
    expect(checksOf('apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\ntype: kubernetes.io/service-account-token\n')).toEqual([]);
    expect(checksOf('apiVersion: v1\nkind: Secret\nmetadata: {name: enc}\ndata: {password: "ENC[AES256_GCM,data:x]"}\nsops: {version: 3.9.0}\n')).toEqual([]);
  });

  it('reads SOPS the same way in both checks: an empty `sops` key is no encryption', () => {
    // The schema check used to skip any object with a `sops` value, the plaintext rule only a non-empty one: an empty
    // block hid the schema error of a Secret whose values the plaintext rule still reported.
    const findings = checksOf('apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata: {password: 3}\nsops: {}\n');
    expect(codesOf(findings).sort()).toEqual(['FFE-E-SCHEMA', 'FFE-E-SECRET-PLAINTEXT']);
  });

  it('reports schema violations of known kinds with the field path, in French', () => {
    const findings = checksOf('apiVersion: v1\nkind: Service\nmetadata: {name: s, labels: {app.kubernetes.io/name: s, app.kubernetes.io/part-of: demo}}\nspec:\n  ports:\n    - port: "eighty"\n');
    expect(codesOf(findings)).toEqual(['FFE-E-SCHEMA']);
    expect(findings[0].message).toContain('spec.ports[0].port');
    expect(findings[0].message).toContain('doit être');
  });

  it('validates custom resources from the installed model packages, and ignores unknown kinds', () => {
    const badCertificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c, namespace: a}\nspec: {secretName: 3}\n';
    expect(codesOf(checksOf(badCertificate))).toEqual(['FFE-E-SCHEMA']);
    expect(checksOf('apiVersion: example.org/v1\nkind: Gizmo\nmetadata: {name: g, namespace: lab}\nspec: {anything: [1, 2]}\n')).toEqual([]);
  });

  it('reports the same resource defined twice at the second definition, pointing at the first', () => {
    const model = modelFromYaml([
      { path: 'a.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n' },
      { path: 'b.yaml', text: '# again\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n' },
    ]);
    expect(model.findings).toEqual([expect.objectContaining({ code: 'FFE-E-DUPLICATE-RESOURCE', location: { path: 'b.yaml', line: 2 } })]);
    expect(model.findings[0].message).toContain('a.yaml:1');
    expect(model.environments[0].resources).toHaveLength(1);
  });

  it('keeps same-named resources of different namespaces or environments apart', () => {
    const model = modelFromYaml([
      { path: 'a.yaml', env: 'prod', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: z}\n' },
      { path: 'a.yaml', env: 'staging', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\n' },
    ]);
    expect(model.findings).toEqual([]);
    expect(model.environments.map((e) => [e.name, e.resources.length])).toEqual([
      ['prod', 2],
      ['staging', 1],
    ]);
  });
});

describe('the model', () => {
  it('gives namespaced objects without a namespace the default one, and none to cluster-scoped kinds', () => {
    const env = modelFromYaml(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n',
    ).environments[0];
    expect(env.resources.map((r) => r.key)).toEqual(['default/core/ConfigMap/default/c', 'default/rbac.authorization.k8s.io/ClusterRole/_cluster/r']);
  });

  it('learns the scope of custom kinds from their CustomResourceDefinition', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.org}
spec:
  group: example.org
  scope: Cluster
  names: {kind: Widget, plural: widgets}
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
---
apiVersion: example.org/v1
kind: Widget
metadata: {name: w, namespace: ignored}
`;
    expect(modelFromYaml(crd).environments[0].byKind.get('Widget')?.[0].id.namespace).toBeUndefined();
  });

  it('documents Helm charts from HelmRelease and k3s HelmChart objects without rendering them', () => {
    const model = modelFromYaml(`apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: jetstack, namespace: flux-system}
spec: {url: https://charts.jetstack.io}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: cert-manager, namespace: cert-manager}
spec:
  chart:
    spec:
      chart: cert-manager
      version: v1.16.2
      sourceRef: {kind: HelmRepository, name: jetstack, namespace: flux-system}
  values:
    crds: {enabled: true}
---
apiVersion: helm.cattle.io/v1
kind: HelmChart
metadata: {name: traefik, namespace: kube-system}
spec:
  chart: traefik
  repo: https://traefik.github.io/charts
  version: 33.0.0
  valuesContent: |-
    ports:
      web:
        redirectTo: websecure
`);
    expect(model.components.map((c) => [c.chart, c.version, c.repository, c.values])).toEqual([
      ['traefik', '33.0.0', 'https://traefik.github.io/charts', { 'ports.web.redirectTo': 'websecure' }],
      ['cert-manager', 'v1.16.2', 'https://charts.jetstack.io', { 'crds.enabled': 'true' }],
    ]);
  });

  it('sorts findings by file and line so two runs print the same report', () => {
    const files = [
      { path: 'b.yaml', text: 'a: [\n' },
      { path: 'a.yaml', text: 'x: 1\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: dg==}\n' },
    ];
    const first = modelFromYaml(files).findings;
    expect(first.map((f) => `${f.location?.path}:${f.location?.line}`)).toEqual(['a.yaml:1', 'a.yaml:3', 'b.yaml:2']);
    expect(modelFromYaml([...files].reverse()).findings).toEqual(first);
  });
});
