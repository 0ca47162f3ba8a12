// The Flux chain of an environment, step by step and wave by wave, as the GitOps pages describe it.
import { compareText, fluxKustomizationOf, resourceKey, type ExternalSourceUse, type Model, type RemoteApply } from '../../infra/index.ts';
import { envContext, into, out, uniqueSorted } from '../context.ts';
import { fluxOrder } from '../flux.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';
import { environmentPath, namespacePath, parseResourceKey } from '../paths.ts';

export interface FluxStep {
  resource: ResourceLink;
  name: string;
  /** 1 for what applies first; steps sharing a wave are applied in parallel. */
  wave: number;
  /** The folder of the repository it applies (`./manifests/apps/production`). */
  path?: string;
  dependsOn: ResourceLink[];
  /** The Kustomization whose folder declares this one: it cannot start before its parent applied it. */
  declaredBy?: ResourceLink;
  /** Waits for what it applied to be healthy before its dependants start. */
  waits: boolean;
  kustomizations: ResourceLink[];
  releases: { resource: ResourceLink; chart?: string; version?: string }[];
  /** Other resources it applies, per namespace (`_cluster` for cluster-scoped ones). */
  namespaces: { namespace: string; count: number; href: string }[];
  source: SourceLink;
  /** What it applies comes from outside this repository (an OCIRepository, another repository): not read here. */
  external?: { text: string; url?: string };
  /** It applies to another cluster (`spec.kubeConfig`), whose environment page documents what it applies. */
  appliesTo?: { env: string; href: string };
}

/** « OCIRepository kyverno-controller (oci://…, tag v1.14.4) » for the site's text. */
export function externalSourceText(use: ExternalSourceUse): string {
  const where = [use.source.url, use.source.ref].filter(Boolean).join(', ');
  return `${use.source.kind} ${use.source.name}${use.artifact ? ` (artefact ${use.artifact})` : ''}${where ? ` — ${where}` : ''}`;
}

function appliedTo(applies: readonly RemoteApply[] | undefined, key: string): Pick<FluxStep, 'appliesTo'> {
  const apply = applies?.find((a) => a.deployer === key);
  return apply ? { appliesTo: { env: apply.env, href: environmentPath(apply.env) } } : {};
}

function externalOf(uses: readonly ExternalSourceUse[] | undefined, key: string): Pick<FluxStep, 'external'> {
  const use = uses?.find((u) => u.deployer === key);
  return use ? { external: { text: externalSourceText(use), ...(use.source.url ? { url: use.source.url } : {}) } } : {};
}

/**
 * The Flux Kustomizations of an environment in the order they apply (`fluxOrder`: `dependsOn`, dependencies first),
 * each with its wave — a Kustomization waits for its `dependsOn` and for the Kustomization that declares it.
 */
export function fluxSteps(model: Model, envName: string): FluxStep[] {
  const ctx = envContext(model, envName);
  const order = fluxOrder(model, envName);
  const keys = new Set(order.map((r) => r.key));
  // A Kustomization is declared by the one that deploys the folder holding it (the root one by `flux bootstrap`).
  const declarer = new Map<string, string>();
  for (const ks of order) {
    const parent = into(ctx, ks.key, 'deploys').find((r) => keys.has(r.from) && r.from !== ks.key);
    if (parent) declarer.set(ks.key, parent.from);
  }
  const wave = new Map<string, number>();
  const waveOf = (key: string, seen: Set<string>): number => {
    const known = wave.get(key);
    if (known !== undefined) return known;
    if (seen.has(key)) return 1;
    seen.add(key);
    const before = [...out(ctx, key, 'depends-on').map((r) => r.to), ...(declarer.has(key) ? [declarer.get(key)!] : [])].filter((k) => keys.has(k) && k !== key);
    const value = Math.max(0, ...before.map((k) => waveOf(k, seen))) + 1;
    wave.set(key, value);
    return value;
  };
  const steps = order.map((ks, index) => {
    const facts = fluxKustomizationOf(ks.object);
    const deployed = out(ctx, ks.key, 'deploys').map((r) => parseResourceKey(r.to));
    const perNamespace = new Map<string, number>();
    for (const id of deployed) {
      if (id.kind === 'Kustomization' || id.kind === 'HelmRelease') continue;
      const ns = id.namespace ?? '_cluster';
      perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
    }
    const parent = declarer.get(ks.key);
    const children = [...declarer].filter(([, p]) => p === ks.key).map(([child]) => child);
    // Through an artifact, the folder of this repository its copy rules fill it from.
    const copied = ctx.env.artifactFolders?.find((a) => a.deployer === ks.key)?.folder;
    const path = copied ?? (facts.pathWritten ? facts.path : undefined);
    const step: FluxStep = {
      resource: resourceLink(ctx, ks.key),
      name: ks.id.name,
      wave: waveOf(ks.key, new Set()),
      ...(path ? { path } : {}),
      dependsOn: out(ctx, ks.key, 'depends-on').map((r) => resourceLink(ctx, r.to)),
      ...(parent ? { declaredBy: resourceLink(ctx, parent) } : {}),
      waits: facts.wait,
      kustomizations: uniqueSorted([...children, ...deployed.filter((id) => id.kind === 'Kustomization').map((id) => resourceKey(id))]).map((k) => resourceLink(ctx, k)),
      releases: deployed
        .filter((id) => id.kind === 'HelmRelease')
        .map((id) => {
          const key = resourceKey(id);
          const component = model.components.find((c) => c.resource === key);
          return { resource: resourceLink(ctx, key), ...(component ? { chart: component.chart } : {}), ...(component?.version ? { version: component.version } : {}) };
        }),
      namespaces: [...perNamespace]
        .sort(([a], [b]) => compareText(a, b))
        .map(([namespace, count]) => ({ namespace, count, href: namespacePath(envName, namespace === '_cluster' ? undefined : namespace) })),
      source: sourceLink(ks.source),
      ...externalOf(ctx.env.externalSources, ks.key),
      ...appliedTo(ctx.env.appliedElsewhere, ks.key),
    };
    return { step, index };
  });
  return steps.sort((a, b) => a.step.wave - b.step.wave || a.index - b.index).map((s) => s.step);
}
