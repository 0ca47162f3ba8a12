// Real GitOps layouts, loaded from disk with the real kustomize: environments found from Flux's and Argo CD's own
// entry points, Flux substitutions and Components applied as Flux applies them, nothing reported twice.
import { describe, expect, it } from 'vitest';
import { checkSchemas, distinctFindings, formatFinding, loadModel, type Model } from '../../src/infra/index.ts';

const LAYOUTS = 'tests/fixtures/infra/layouts';
const load = (name: string, checks = [checkSchemas]) => loadModel({ root: `${LAYOUTS}/${name}`, checks });
const resource = (model: Model, key: string) => model.environments.flatMap((e) => e.resources).find((r) => r.key === key);
const codes = (model: Model) => model.findings.map((f) => f.code);

describe('a Flux repository laid out like home-ops (root Kustomization, one ks.yaml per application)', () => {
  it('is one environment started from kubernetes/flux/cluster, whatever the folder names', async () => {
    const model = await load('flux-home-ops');
    expect(model.layout).toBe('gitops-roots');
    expect(model.environments.map((e) => e.name)).toEqual(['cluster']);
    expect(resource(model, 'cluster/kustomize.toolkit.fluxcd.io/Kustomization/default/echo')).toBeDefined();
  });

  it('builds each namespace with its Component once, never the Component alone', async () => {
    const model = await load('flux-home-ops');
    const namespaces = model.environments[0].resources.filter((r) => r.id.kind === 'Namespace').map((r) => r.id.name);
    expect(namespaces).toEqual(['default', 'observability']);
    expect(codes(model)).not.toContain('FFE-E-DUPLICATE-RESOURCE');
    expect(codes(model)).not.toContain('FFE-E-KUSTOMIZE');
  });

  it('substitutes variables from ConfigMaps, inline values and defaults, keeping escapes and disabled objects', async () => {
    const model = await load('flux-home-ops');
    const release = resource(model, 'cluster/helm.toolkit.fluxcd.io/HelmRelease/default/echo')!;
    const values = release.object.spec as { values: { controllers: { echo: { replicas: unknown; containers: { app: { env: Record<string, string> } } } }; ingress: unknown } };
    expect(values.values.ingress).toEqual({ app: { hosts: [{ host: 'echo.lab.example.org' }] } });
    expect(values.values.controllers.echo.replicas).toBe(2);
    expect(values.values.controllers.echo.containers.app.env).toEqual({
      TZ: 'Europe/Paris',
      ADMIN_TOKEN: '${ADMIN_TOKEN}',
      LITERAL: '${NOT_A_VARIABLE}',
    });
    expect(resource(model, 'cluster/core/ConfigMap/default/echo-template')!.object.data).toEqual({ template: 'Bonjour ${NAME}' });
  });

  it('applies the patches, commonMetadata and components a Flux Kustomization adds', async () => {
    const model = await load('flux-home-ops');
    // cluster-apps patches every child Kustomization with its substituteFrom: uptime reads CLUSTER_DOMAIN through it.
    const uptime = resource(model, 'cluster/apps/Deployment/observability/uptime')!;
    expect(JSON.stringify(uptime.object)).toContain('https://status.lab.example.org');
    expect(resource(model, 'cluster/helm.toolkit.fluxcd.io/HelmRelease/default/echo')!.labels['app.kubernetes.io/name']).toBe('echo');
    const alerts = resource(model, 'cluster/core/ConfigMap/observability/uptime-alerts')!;
    expect(alerts.source.path).toBe(`${LAYOUTS}/flux-home-ops/kubernetes/components/alerts/alerts.yaml`);
    expect(alerts.object.data).toEqual({ route: 'uptime.lab.example.org' });
  });

  it('notes once, at the Kustomization, the variables it leaves unresolved and why', async () => {
    const model = await load('flux-home-ops');
    const notices = model.findings.filter((f) => f.code === 'FFE-N-SUBSTITUTE-UNRESOLVED');
    expect(notices).toHaveLength(1);
    expect(notices[0].location?.path).toBe(`${LAYOUTS}/flux-home-ops/kubernetes/apps/default/echo/ks.yaml`);
    expect(notices[0].message).toContain('chiffrées (Secret cluster-secrets) : ${ADMIN_TOKEN}');
  });
});

describe('environments named dev and prod, each started by a FluxInstance', () => {
  it('are found from the FluxInstance sync paths', async () => {
    const model = await load('flux-dev-prod');
    expect(model.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
  });

  it('differ where their Flux Kustomizations do: Component, image tag, substituted host', async () => {
    const model = await load('flux-dev-prod');
    expect(resource(model, 'prod/policy/PodDisruptionBudget/shop/shop')).toBeDefined();
    expect(resource(model, 'dev/policy/PodDisruptionBudget/shop/shop')).toBeUndefined();
    expect(JSON.stringify(resource(model, 'prod/apps/Deployment/shop/shop')!.object)).toContain('ghcr.io/example/shop:2.4.1');
    expect(JSON.stringify(resource(model, 'dev/apps/Deployment/shop/shop')!.object)).toContain('ghcr.io/example/shop:2.3.0');
    expect(JSON.stringify(resource(model, 'dev/networking.k8s.io/Ingress/shop/shop')!.object)).toContain('shop.dev.example.org');
  });

  it('warns, naming the bundled schema, when a Flux Alert lists a kind newer than that schema', async () => {
    const model = await load('flux-dev-prod');
    const outdated = model.findings.filter((f) => f.code.startsWith('FFE-') && f.code.includes('SCHEMA'));
    expect(outdated).toEqual([expect.objectContaining({ code: 'FFE-W-SCHEMA-OUTDATED', severity: 'warning' })]);
    expect(outdated[0].message).toMatch(/« FluxInstance ».*@kubernetes-models\/flux-cd \d+\.\d+\.\d+/);
  });

  it('reports a problem of a base file shared by both environments once', async () => {
    const model = await loadModel({ root: `${LAYOUTS}/flux-dev-prod` });
    const lines = distinctFindings(model.findings).map(formatFinding);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.filter((l) => l.includes('FFE-W-PROBES-MISSING'))).toHaveLength(1);
  });
});

describe('an Argo CD app of apps', () => {
  it('follows the root Application into the Applications it deploys, and theirs into the apps', async () => {
    const model = await load('argo-app-of-apps');
    expect(model.environments.map((e) => e.name)).toEqual(['homelab']);
    expect(resource(model, 'homelab/argoproj.io/Application/argocd/redis')).toBeDefined();
    expect(resource(model, 'homelab/apps/Deployment/guestbook/guestbook-ui')).toBeDefined();
    expect(resource(model, 'homelab/apps/StatefulSet/cache/redis')!.labels['app.kubernetes.io/part-of']).toBe('homelab');
    expect(model.findings).toEqual([]);
  });
});

describe('a single environment', () => {
  it('is named default', async () => {
    const model = await load('single');
    expect(model.environments.map((e) => e.name)).toEqual(['default']);
    expect(resource(model, 'default/apps/Deployment/wiki/wiki')).toBeDefined();
  });
});

describe('a kustomization run with a plugin at deployment (KSOPS)', () => {
  it('is a warning naming the plugin, not an error', async () => {
    const model = await load('ksops');
    expect(model.findings.map((f) => [f.code, f.severity])).toEqual([['FFE-W-KUSTOMIZE-PLUGIN', 'warning']]);
    expect(model.findings[0].message).toContain('« ksops »');
  });
});
