// The comparison of two states, on the objects real repositories change most: Renovate's bumps of an image in a
// HelmRelease's values and of an OCI chart's tag, requests and limits, a CronJob's schedule, a variable added among
// others (named list items are matched by name, not by position), a Secret whose value changed (said, never shown),
// and a change no named value covers (told by its field path, grouped when there are many).
import { describe, expect, it } from 'vitest';
import { comparisonMarkdown, compareStates, modelFromYaml, stateOf, type ObjectChange } from '../../src/infra/index.ts';

const state = (yaml: string) => stateOf(modelFromYaml(yaml, { checks: [] }));

function onlyChange(before: string, after: string): ObjectChange {
  const comparison = compareStates(state(before), state(after));
  const objects = comparison.environments.flatMap((e) => e.objects);
  expect(objects).toHaveLength(1);
  return objects[0];
}

const helmRelease = (tag: string, chart = '3.7.3') => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: sonarr, namespace: media }
spec:
  chart:
    spec:
      chart: app-template
      version: ${chart}
      sourceRef: { kind: HelmRepository, name: bjw-s, namespace: flux-system }
  values:
    controllers:
      sonarr:
        containers:
          app:
            image: { repository: ghcr.io/home-operations/sonarr, tag: ${tag} }
            env: { TZ: Europe/Paris }
`;

const deployment = (options: { env?: string; cpu?: string; schedule?: string } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.0.0
          env:
${options.env ?? ''}            - { name: LOG_LEVEL, value: info }
            - { name: PORT, value: "8080" }
          resources:
            requests: { cpu: ${options.cpu ?? '100m'}, memory: 64Mi }
`;

describe('comparing two states', () => {
  it('names the image a HelmRelease’s values bump, and its chart version, as a reader would say them', () => {
    expect(onlyChange(helmRelease('4.0.14'), helmRelease('4.0.15')).details).toEqual(['image du conteneur app (contrôleur sonarr) : ghcr.io/home-operations/sonarr 4.0.14 → 4.0.15']);
    expect(onlyChange(helmRelease('4.0.14'), helmRelease('4.0.14', '4.0.0')).details).toEqual(['chart et version : app-template 3.7.3 → 4.0.0']);
  });

  it('names the tag an OCI source follows', () => {
    const oci = (tag: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: { name: konflate, namespace: flux-system }
spec:
  url: oci://ghcr.io/home-operations/charts/konflate
  ref: { tag: ${tag} }
`;
    expect(onlyChange(oci('0.6.0'), oci('0.6.1')).details).toEqual(['artefact OCI suivi : oci://ghcr.io/home-operations/charts/konflate 0.6.0 → 0.6.1']);
  });

  it('names requests and limits, and a variable added among others by its name, not by a shifted position', () => {
    expect(onlyChange(deployment(), deployment({ cpu: '250m' })).details).toEqual(['ressources du conteneur api : demande CPU 100m, mémoire 64Mi → demande CPU 250m, mémoire 64Mi']);
    const added = onlyChange(deployment(), deployment({ env: '            - { name: TZ, value: Europe/Paris }\n' }));
    expect(added.values).toEqual([]);
    expect(added.fields.map((f) => f.text)).toEqual(['spec.template.spec.containers[api].env[TZ] : ajouté']);
  });

  it('names a schedule, and says a Secret’s value changed without ever showing it', () => {
    const cron = (schedule: string) => `apiVersion: batch/v1
kind: CronJob
metadata: { name: backup, namespace: db }
spec:
  schedule: "${schedule}"
  jobTemplate: { spec: { template: { spec: { restartPolicy: OnFailure, containers: [{ name: dump, image: "postgres:17.6" }] } } } }
`;
    expect(onlyChange(cron('0 3 * * *'), cron('30 2 * * *')).details).toEqual(['planification : 0 3 * * * → 30 2 * * *']);
    const secret = (password: string) => `apiVersion: v1
kind: Secret
metadata: { name: db, namespace: db }
stringData: { password: ${password}, user: app }
`;
    const change = onlyChange(secret('hunter2'), secret('correct-horse'));
    expect(change.details).toEqual(['stringData.password : valeur modifiée (masquée)']);
    expect(JSON.stringify(compareStates(state(secret('hunter2')), state(secret('correct-horse'))))).not.toMatch(/hunter2|correct-horse/);
  });

  it('tells other changes by their field path, grouped when there are many', () => {
    const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: app, namespace: shop }
data: ${data}
`;
    expect(onlyChange(configMap('{ LOG_LEVEL: info }'), configMap('{ LOG_LEVEL: debug }')).details).toEqual(['data.LOG_LEVEL : info → debug']);
    const many = onlyChange(configMap('{ A: "1", B: "2", C: "3", D: "4", E: "5" }'), configMap('{ A: "9", B: "9", C: "9", D: "9", E: "9" }'));
    expect(many.details).toEqual(['data : 5 modifications']);
    const model = (image: string) => `apiVersion: inference.llmkube.dev/v1alpha1
kind: InferenceService
metadata: { name: embed, namespace: ai }
spec: { image: "${image}" }
`;
    const base = 'ghcr.io/ggml-org/llama.cpp:server-cuda-b6000@sha256:';
    expect(onlyChange(model(`${base}${'1'.repeat(64)}`), model(`${base}${'7'.repeat(64)}`)).details).toEqual([
      'spec.image : ghcr.io/ggml-org/llama.cpp server-cuda-b6000@sha256:111111111111 → server-cuda-b6000@sha256:777777777777',
    ]);
  });

  it('prints what a manifest says as text: no markup, no terminal escape sequence', () => {
    const configMap = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: app, namespace: shop }\ndata: { TITLE: ${JSON.stringify(value)} }\n`;
    const markdown = comparisonMarkdown(compareStates(state(configMap('plain')), state(configMap('[click](https://evil.example) \u001b[2J**bold**')))).join('\n');
    expect(markdown).toContain('`data.TITLE` : plain → [click]\\(https://evil.example) \ufffd[2J\\*\\*bold\\*\\*');
    expect(markdown).not.toContain('\u001b');
  });

  it('finds nothing between two writings of the same objects', () => {
    const a = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: shop\ndata:\n  A: "1"\n  B: "2"\n';
    const b = '# tidied\nkind: ConfigMap\napiVersion: v1\nmetadata: { namespace: shop, name: app }\ndata: { B: "2", A: "1" }\n';
    expect(compareStates(state(a), state(b))).toEqual({ environments: [], introduced: [], fixed: [] });
    // The same image and the same size, spelled otherwise.
    const claim = (image: string, size: string) => `${deployment().replace('ghcr.io/example/api:1.0.0', image)}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: ${size} } } }
`;
    expect(compareStates(state(claim('nginx:1.27', '1Gi')), state(claim('docker.io/library/nginx:1.27', '1024Mi'))).environments).toEqual([]);
  });
});
