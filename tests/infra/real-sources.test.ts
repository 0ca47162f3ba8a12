// Sources as Flux resolves them, on layouts cut down from public Flux repositories: an ArtifactGenerator splitting this
// repository into artifacts (the Flux example), Kustomizations of an OCIRepository or another Git repository (the
// multi-tenancy example), a hub applying folders to spoke clusters through spec.kubeConfig (the hub-and-spoke example).
import { describe, expect, it } from 'vitest';
import { checkSchemas, loadModel, type Model } from '../../src/infra/index.ts';

const FIXTURES = 'tests/fixtures/real-sources';
const load = (name: string) => loadModel({ root: `${FIXTURES}/${name}`, checks: [checkSchemas] });
const keys = (model: Model, env: string) => model.environments.find((e) => e.name === env)?.resources.map((r) => r.key) ?? [];

describe('a Kustomization applying an ExternalArtifact that an ArtifactGenerator copies from this repository', () => {
  it('reads the folders the copy rules fill the artifact from, relative references included', async () => {
    const model = await load('artifacts');
    expect(keys(model, 'staging')).toEqual(
      expect.arrayContaining(['staging/core/ConfigMap/web/web', 'staging/core/Namespace/_cluster/web', 'staging/core/Namespace/_cluster/gateway-system']),
    );
    // apps/production is in the repository but in no artifact this environment applies.
    expect(keys(model, 'staging').some((k) => k.includes('prod-'))).toBe(false);
  });

  it('warns, naming it, about a Kustomization whose artifact no generator makes', async () => {
    const model = await load('artifacts');
    const missing = model.findings.filter((f) => f.code === 'FFE-W-CONTENT-MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'warning', location: { path: `${FIXTURES}/artifacts/clusters/staging/apps.yaml` } });
    expect(missing[0].message).toContain('Kustomization reports');
    expect(missing[0].message).toContain('ExternalArtifact reports');
  });
});

describe('Kustomizations of sources other than this repository', () => {
  it('are not read from this repository: no object twice', async () => {
    const model = await load('external');
    expect(model.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(keys(model, 'staging')).toContain('staging/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/policy-engine-controller');
  });

  it('are external sources, with their URL and reference, said once each', async () => {
    const model = await load('external');
    const staging = model.environments.find((e) => e.name === 'staging')!;
    expect(staging.externalSources?.map((u) => [u.deployer, u.path, u.source.url, u.source.ref])).toEqual([
      ['staging/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/policy-engine-controller', './', 'oci://registry.example.org/manifests/policy-engine', 'tag v1.4.2'],
      ['staging/kustomize.toolkit.fluxcd.io/Kustomization/team/team', './staging', 'https://git.example.org/acme/team-apps', 'branche release'],
    ]);
    const notes = model.findings.filter((f) => f.code === 'FFE-N-EXTERNAL-SOURCE');
    expect(notes.map((f) => f.severity)).toEqual(['notice', 'notice']);
    expect(model.findings.map((f) => f.code)).not.toContain('FFE-N-PATH-NOT-FOLLOWED');
  });
});

describe('a hub applying folders to spoke clusters through spec.kubeConfig', () => {
  it('puts what it applies in the spoke’s environment, with the variables the hub passes', async () => {
    const model = await load('hub-spoke');
    expect(model.environments.map((e) => e.name)).toEqual(['hub', 'staging']);
    expect(keys(model, 'staging')).toEqual(['staging/core/Namespace/_cluster/staging', 'staging/core/ServiceAccount/staging/flux-restricted']);
    expect(keys(model, 'hub').filter((k) => k.includes('/Namespace/'))).toEqual(['hub/core/Namespace/_cluster/staging']);
    expect(model.findings.map((f) => f.code)).not.toContain('FFE-E-DUPLICATE-RESOURCE');
  });

  it('leaves no ${VARIABLE} in any name or namespace', async () => {
    const model = await load('hub-spoke');
    expect(model.environments.flatMap((e) => e.resources.map((r) => r.key)).filter((k) => k.includes('${'))).toEqual([]);
  });
});

describe('a name or namespace holding a Flux variable nobody sets', () => {
  it('is never documented under `${…}`: a warning names the object instead', async () => {
    const { modelFromYaml } = await import('../../src/infra/index.ts');
    const model = modelFromYaml('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: flux\n  namespace: "${CLUSTER_NAME}"\n', { checks: [] });
    expect(model.environments[0].resources).toEqual([]);
    expect(model.findings).toEqual([expect.objectContaining({ code: 'FFE-W-NAME-UNRESOLVED', severity: 'warning', location: { path: 'manifests.yaml', line: 1 } })]);
  });
});

describe('an OCI Kustomization whose path is its artifact’s root', () => {
  it('does not pass for a deployer of this repository’s root when environments are found', async () => {
    const model = await load('oci-root');
    expect(model.environments.map((e) => e.name)).toEqual(['cluster']);
    expect(keys(model, 'cluster')).toContain('cluster/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/policies');
    expect(model.findings.map((f) => f.code)).toEqual(['FFE-N-EXTERNAL-SOURCE']);
  });
});

describe('the source flux bootstrap names flux-system', () => {
  it('is this repository whatever URL it names (a mirror, a fork)', async () => {
    const model = await load('bootstrap-source');
    expect(keys(model, 'main')).toContain('main/core/ConfigMap/apps/settings');
    expect(model.findings.map((f) => f.code)).not.toContain('FFE-N-EXTERNAL-SOURCE');
  });
});
