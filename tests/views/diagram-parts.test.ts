// The small decisions that keep diagrams narrow (labels, ports, addresses) and the view rules the fixtures of the other
// files do not reach: namespaces sharing their network rules, Helm releases outside the Flux chain.
import { describe, expect, it } from 'vitest';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { modelFromYaml } from '../../src/infra/index.ts';
import { addressLabel } from '../../src/views/diagrams/data.ts';
import { gitopsDiagram } from '../../src/views/diagrams/gitops.ts';
import { networkDiagram, portsMeaning, portsText, sameRulesTitle } from '../../src/views/diagrams/network.ts';
import { elsewhereLabel, resourceLabel } from '../../src/views/diagrams/shared.ts';
import { worthDrawing } from '../../src/views/diagram.ts';
import { readGraph } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

describe('labels', () => {
  it('put kind and name on one line when short, on two when long or when asked to', () => {
    expect(resourceLabel({ group: 'apps', kind: 'Deployment' }, 'calcom')).toBe('Déploiement calcom');
    expect(resourceLabel({ group: 'bitnami.com', kind: 'SealedSecret' }, 'booking-db-credentials')).toBe('Secret scellé\nbooking-db-credentials');
    expect(resourceLabel({ group: 'apps', kind: 'Deployment' }, 'calcom', 0)).toBe('Déploiement\ncalcom');
  });

  it('say the namespace of a resource from elsewhere on the narrowest layout', () => {
    expect(elsewhereLabel({ group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization' }, 'flux-system', 'apps')).toBe('Kustomization Flux\nflux-system/apps');
    expect(elsewhereLabel({ group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease' }, 'monitoring', 'kube-prometheus-stack')).toBe('Release Helm (monitoring)\nkube-prometheus-stack');
  });

  it('name the ports a reader knows, by port number, on lines of about 18 characters', () => {
    expect(portsText(['53/TCP', '53/UDP'])).toBe('DNS');
    expect(portsText(['6443/TCP', '443/TCP', '587/TCP', '80/TCP'])).toBe('HTTP, HTTPS, SMTP,\nAPI Kubernetes');
    expect(portsText(['8000/TCP', '5432/TCP'])).toBe('PostgreSQL,\n8000/TCP');
    expect(portsText(['http/TCP'])).toBe('port http');
    expect(portsText(['tous'])).toBe('tous ports');
    expect(portsText(['1/TCP', '2/TCP', '3/TCP', '4/TCP', '5/TCP'])).toBe('1/TCP, 2/TCP,\n3/TCP, +2');
  });

  it('split a long backup address where a reader would', () => {
    expect(addressLabel('s3://backups/shop')).toBe('s3://backups/shop');
    expect(addressLabel('s3://ffe-backups/postgres/booking')).toBe('s3://ffe-backups/\npostgres/booking');
    expect(addressLabel('https://s3.fr-par.scw.cloud/ffe-volumes')).toBe('https://s3.fr-par.scw.cloud/\nffe-volumes');
  });
});

const policy = (ns: string, body: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: rules, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
${body}`;
const fromGateway = `  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: gateway } } }]
      ports: [{ port: 8080 }]
  egress:
    - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
      ports: [{ port: 443 }]
    - to: [{ podSelector: {} }]
      ports: [{ port: 5432 }]`;

describe('network flows of namespaces with the same rules', () => {
  const yaml = [
    policy('shop-a', fromGateway),
    policy('shop-b', fromGateway),
    policy('solo', `  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: gateway } } }]\n      ports: [{ port: 8080 }]`),
    'apiVersion: v1\nkind: Namespace\nmetadata: { name: gateway }',
  ].join('\n---\n');
  const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: yaml }], { checks: [] });
  const view = networkDiagram(model, 'production');
  const { members, edges, graph } = readGraph(view);

  it('share a frame, with one edge per flow to it, and say their internal flows in their node', async () => {
    const frame = '2 espaces de noms aux mêmes règles';
    expect(members(frame).sort()).toEqual(['shop-a interne : PostgreSQL', 'shop-b interne : PostgreSQL']);
    expect(edges.sort()).toEqual([`${frame} → Internet HTTPS`, `gateway 8080/TCP → ${frame}`, 'gateway 8080/TCP → solo']);
    // The frame is a plural subject in the text version's sentence.
    expect(graph.edges.find((e) => e.to === 'to:ip:0.0.0.0/0#HTTPS')?.meaning).toBe('peuvent ouvrir des connexions, sur HTTPS (443/TCP), vers');
    expect(graph.edges.find((e) => e.from === 'from:ns:gateway#8080/TCP' && e.to === 'ns:solo')?.meaning).toBe('peut ouvrir des connexions, sur 8080/TCP, vers');
    // A column of namespaces, which a sentence names with the frame.
    expect(graph.groups).toEqual([expect.objectContaining({ direction: 'LR', namesMembers: true })]);
    await expect(parseMermaid(flowchartOf(graph))).resolves.toBeUndefined();
  });

  it('titles frames so that they read apart: by size, by their namespaces when two have the same size', () => {
    expect(sameRulesTitle(['a', 'b'], [['a', 'b'], ['c', 'd', 'e']])).toBe('2 espaces de noms\naux mêmes règles');
    expect(sameRulesTitle(['c', 'd', 'e'], [['a', 'b'], ['c', 'd', 'e']])).toBe('3 espaces de noms\naux mêmes règles');
    expect(sameRulesTitle(['a', 'b'], [['a', 'b'], ['c', 'd']])).toBe('Mêmes règles : a et b');
  });

  it('say the exact ports of a flow, named when a reader knows them', () => {
    expect(portsMeaning(['53/TCP', '53/UDP'])).toBe('sur DNS (53/TCP et 53/UDP)');
    expect(portsMeaning(['5432/TCP', '8000/TCP'])).toBe('sur PostgreSQL (5432/TCP) et 8000/TCP');
    expect(portsMeaning(['http/TCP'])).toBe('sur le port http');
    expect(portsMeaning(['tous'])).toBe('sur tous les ports');
  });
});

describe('GitOps beyond our own chain', () => {
  const flux = (name: string, extra = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${name}, namespace: flux-system, labels: { kustomize.toolkit.fluxcd.io/name: root, kustomize.toolkit.fluxcd.io/namespace: flux-system } }
spec: { path: ./${name}, sourceRef: { kind: GitRepository, name: flux-system }${extra} }`;
  const release = (name: string, by?: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
  namespace: tools
${by ? `  labels: { kustomize.toolkit.fluxcd.io/name: ${by}, kustomize.toolkit.fluxcd.io/namespace: flux-system }\n` : ''}spec:
  chart: { spec: { chart: ${name}, version: 1.0.0, sourceRef: { kind: HelmRepository, name: charts, namespace: flux-system } } }`;
  const yaml = [
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: root, namespace: flux-system }\nspec: { path: ./root, sourceRef: { kind: GitRepository, name: flux-system } }`,
    flux('base'),
    flux('tenants', ', dependsOn: [{ name: base }]'),
    release('ingress', 'base'),
    release('by-hand'),
  ].join('\n---\n');
  const view = gitopsDiagram(modelFromYaml([{ env: 'production', path: 'm.yaml', text: yaml }], { checks: [] }), 'production');
  const { frames, members, edges } = readGraph(view);

  it('names the Kustomization that creates the others in the caption and frames releases no Kustomization applies', () => {
    expect(frames.sort()).toEqual(['Kustomization base', 'Kustomization tenants', 'Releases Helm hors de la chaîne']);
    expect(view.caption).toContain('La Kustomization root (dossier ./root) crée les Kustomizations du schéma.');
    expect(members('Kustomization base')).toEqual(['applique le dossier base', 'ingress 1.0.0 dépôt charts']);
    expect(members('Releases Helm hors de la chaîne')).toEqual(['by-hand 1.0.0 dépôt charts']);
    expect(edges).toEqual(['Kustomization base → Kustomization tenants']);
  });
});

describe('a diagram worth drawing', () => {
  const node = (key: string, group?: string) => ({ key, label: key, cls: 'other' as const, ...(group ? { group } : {}) });
  it('has three elements at least, linked or framed', () => {
    expect(worthDrawing({ nodes: [node('a'), node('b')], edges: [{ from: 'a', to: 'b' }], groups: [] })).toBe(false);
    expect(worthDrawing({ nodes: [node('a'), node('b'), node('c')], edges: [], groups: [] })).toBe(false);
    expect(worthDrawing({ nodes: [node('a'), node('b'), node('c')], edges: [{ from: 'a', to: 'b' }], groups: [] })).toBe(true);
    expect(worthDrawing({ nodes: [node('a', 'g'), node('b', 'g'), node('c', 'g')], edges: [], groups: [{ key: 'g', label: 'G' }] })).toBe(true);
  });
});
