// What the GitOps objects of a repository deploy, read through the Flux and Argo CD parsers: the loader follows
// these folders, with what Flux adds to them, as the controllers would.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { deploysOf, fluxKustomizationOf, type KubeObject } from '../../src/infra/index.ts';

const objects = (text: string): { object: KubeObject }[] => parseAllDocuments(text).map((doc) => ({ object: doc.toJS() as KubeObject }));

const REPOSITORY = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  path: ' ./apps/prod '
  targetNamespace: shop
  components: [../components/budget, '', 3]
  patches: [{patch: 'x', target: {kind: Deployment}}, oops]
  namePrefix: prod-
  commonMetadata: {labels: {team: web, size: 3}}
  postBuild:
    substitute: {REPLICAS: 2, EMPTY: null}
    substituteFrom: [{kind: ConfigMap, name: settings}, {kind: Secret, name: secrets, optional: true}, {kind: Pod, name: x}, {kind: Secret}]
  ignoreMissingComponents: true
---
apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata: {name: flux, namespace: flux-system}
spec: {sync: {kind: GitRepository, url: 'https://example.org/fleet.git', path: fleet/prod}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: guestbook, namespace: argocd}
spec:
  destination: {namespace: web}
  sources:
    - {path: apps/guestbook, directory: {recurse: true}}
    - {path: apps/redis}
    - {chart: redis, repoURL: 'https://charts.example.org'}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: not-a-deployer}
data: {path: apps}
`;

describe('deploysOf', () => {
  it('follows each Flux Kustomization, FluxInstance and Argo CD source path, with what each asks for', () => {
    const targets = objects(REPOSITORY).flatMap(({ object }) => deploysOf(object).map((t) => ({ ...t, kind: object.kind })));
    expect(targets.map((t) => [t.kind, t.path, t.recurse, t.targetNamespace, t.defaultNamespace])).toEqual([
      ['Kustomization', './apps/prod', true, 'shop', undefined],
      ['FluxInstance', 'fleet/prod', true, undefined, undefined],
      ['Application', 'apps/guestbook', true, undefined, 'web'],
      ['Application', 'apps/redis', false, undefined, 'web'],
    ]);
    const [flux] = targets;
    expect(flux.additions).toEqual({ components: ['../components/budget'], patches: [{ patch: 'x', target: { kind: 'Deployment' } }], images: [], namePrefix: 'prod-' });
    expect(flux.commonMetadata).toEqual({ labels: { team: 'web', size: '3' }, annotations: {} });
    expect(flux.ignoreMissingComponents).toBe(true);
  });
});

describe('fluxKustomizationOf', () => {
  it('reads postBuild leniently: malformed entries are skipped, values are text', () => {
    const [kustomization] = objects(REPOSITORY);
    expect(fluxKustomizationOf(kustomization.object).postBuild).toEqual({
      substitute: { REPLICAS: '2' },
      substituteFrom: [
        { kind: 'ConfigMap', name: 'settings', optional: false },
        { kind: 'Secret', name: 'secrets', optional: true },
      ],
    });
  });

  it('has no postBuild, additions or metadata to apply when the Kustomization names none', () => {
    const facts = fluxKustomizationOf({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'a' }, spec: {} });
    expect([facts.path, facts.pathWritten, facts.postBuild, facts.commonMetadata, facts.additions]).toEqual(['./', false, undefined, undefined, { components: [], patches: [], images: [] }]);
  });
});
