// External sources on the pages: a box in the Kustomization's frame of the GitOps diagram and a line of its Flux step,
// each with the URL and reference; the caption names what a Kustomization creates, not « the others ».
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/infra/index.ts';
import { gitopsDiagram } from '../../src/views/diagrams/gitops.ts';
import { fluxSteps } from '../../src/views/prose/flux-steps.ts';

const model = await loadModel({ root: 'tests/fixtures/real-sources/external', checks: [] });

describe('a Kustomization of an external source', () => {
  it('is drawn with a box naming the source, its URL and its reference', () => {
    const boxes = gitopsDiagram(model, 'staging').graph.nodes.filter((n) => n.key.endsWith('#external'));
    expect(boxes.map((n) => n.label.replace(/\n/g, ' '))).toEqual([
      expect.stringMatching(/^source extérieure : OCIRepository policy-engine oci:\/\/registry\.example\.org\/ ?manifests\/policy-engine tag v1\.4\.2$/),
      expect.stringMatching(/^source extérieure : GitRepository team https:\/\/git\.example\.org\/ ?acme\/team-apps branche release$/),
    ]);
  });

  it('is a line of its Flux step', () => {
    const step = fluxSteps(model, 'staging').find((s) => s.name === 'policy-engine-controller')!;
    expect(step.external?.text).toBe('OCIRepository policy-engine — oci://registry.example.org/manifests/policy-engine, tag v1.4.2');
  });

  it('does not make the Kustomization declaring it « the one that creates the others »', () => {
    expect(gitopsDiagram(model, 'staging').caption).not.toContain('crée les Kustomizations du schéma');
  });
});

describe('Kustomizations of artifacts an ArtifactGenerator assembles from this repository', () => {
  it('are said to read those artifacts, named with their generator', async () => {
    const artifacts = await loadModel({ root: 'tests/fixtures/real-sources/artifacts', checks: [] });
    expect(gitopsDiagram(artifacts, 'staging').caption).toContain('les artefacts apps et infrastructure, assemblés par l’ArtifactGenerator flux-system');
  });

  it('show the folder of this repository each one reads, as the copy rules map it', async () => {
    const artifacts = await loadModel({ root: 'tests/fixtures/real-sources/artifacts', checks: [] });
    const folders = gitopsDiagram(artifacts, 'staging').graph.nodes.filter((n) => n.key.endsWith('#folder')).map((n) => n.label.replace(/\n/g, ' '));
    expect(folders).toContain('applique le dossier tests/fixtures/real-sources/ artifacts/apps/staging (artefact apps)');
    expect(fluxSteps(artifacts, 'staging').find((s) => s.name === 'apps')?.path).toBe('tests/fixtures/real-sources/artifacts/apps/staging');
  });
});

describe('a hub Kustomization applying to a spoke cluster', () => {
  it('points at the spoke’s environment, in its GitOps frame and its Flux step', async () => {
    const hub = await loadModel({ root: 'tests/fixtures/real-sources/hub-spoke', checks: [] });
    const boxes = gitopsDiagram(hub, 'hub').graph.nodes.filter((n) => n.key.endsWith('#cluster'));
    expect(boxes.map((n) => [n.label.replace(/\n/g, ' '), n.href])).toEqual([['appliqué au cluster staging (spec.kubeConfig)', '/infra/staging/']]);
    expect(fluxSteps(hub, 'hub').find((s) => s.name === 'tenants')?.appliesTo).toEqual({ env: 'staging', href: '/infra/staging/' });
  });
});
