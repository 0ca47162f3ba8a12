// Objects made elsewhere: what a reference may name without the manifests holding it, because a HelmRelease's chart,
// an operator or Flux itself makes it in the cluster. Charts name what they make after their release (`<release>` or
// `<release>-<suffix>`), a few well-known charts make objects of fixed names (Cilium's `hubble-ui`), and Flux's
// notification-controller serves its receivers through the `webhook-receiver` Service of Flux's namespace.
import { chartsOf, releaseOf } from '../readers.ts';
import { perEnvironment, type Environment, type Resource } from '../../model.ts';

/** Objects of fixed names that well-known charts make in their release's namespace, by chart name. */
const CHART_OBJECTS: Readonly<Record<string, readonly { kind: string; names: readonly string[] }[]>> = {
  cilium: [
    { kind: 'Service', names: ['hubble-ui', 'hubble-relay', 'hubble-peer', 'cilium-agent', 'cilium-envoy'] },
    { kind: 'Deployment', names: ['hubble-ui', 'hubble-relay', 'cilium-operator'] },
    { kind: 'DaemonSet', names: ['cilium', 'cilium-envoy'] },
  ],
  'kube-prometheus-stack': [{ kind: 'Service', names: ['alertmanager-operated', 'prometheus-operated'] }],
};

/** What Flux's controllers make in the namespace Flux runs in. */
const FLUX_OBJECTS: readonly { kind: string; names: readonly string[]; controller: string }[] = [
  { kind: 'Service', names: ['webhook-receiver', 'notification-controller'], controller: 'notification-controller' },
  { kind: 'Service', names: ['source-controller'], controller: 'source-controller' },
  { kind: 'Deployment', names: ['helm-controller', 'kustomize-controller', 'notification-controller', 'source-controller'], controller: 'flux' },
];

export interface ProbableMaker {
  /** Key of the resource of the manifests that makes it (a HelmRelease, a FluxInstance), when there is one. */
  maker?: string;
  /** French: « créé par le HelmRelease cilium (déduit) », « créé par le notification-controller de Flux (déduit) ». */
  how: string;
}

interface Release {
  resource: Resource;
  name: string;
  namespace?: string;
  chart?: string;
}

const releasesOf = perEnvironment((env: Environment): Release[] =>
  env.resources.flatMap((resource): Release[] => {
    if (resource.deduced) return [];
    const install = chartsOf(resource)[0];
    const release = releaseOf(resource);
    if (!install || !release || install.configures) return [];
    const namespace = install.namespace ?? (install.ownNamespaceByDefault ? resource.id.namespace : release.namespace);
    const chart = env.deductions.get(resource.key)?.chart ?? install.chart;
    return [{ resource, name: release.name, ...(namespace ? { namespace } : {}), chart }];
  }),
);

/** The namespaces Flux runs in: a FluxInstance's, a Kustomization named flux-system's, or `flux-system`. */
function fluxNamespaces(env: Environment): Map<string, Resource | undefined> {
  const out = new Map<string, Resource | undefined>([['flux-system', undefined]]);
  for (const r of env.byKind.get('FluxInstance') ?? []) if (r.id.namespace) out.set(r.id.namespace, r);
  return out;
}

function releaseHow(release: Release): ProbableMaker {
  return { maker: release.resource.key, how: `créé par le ${release.resource.id.kind} ${release.resource.id.name} (déduit)` };
}

/**
 * The probable maker of an object the manifests do not hold: Flux's controllers for their known objects, a release of
 * a well-known chart for its objects of fixed names, else a release of the namespace it is named after (the longest
 * such name wins) other than the one `referrer` is deduced from. Undefined when nothing in the environment plausibly
 * makes it.
 */
export function probableMaker(env: Environment, kind: string, namespace: string | undefined, name: string, referrer?: Resource): ProbableMaker | undefined {
  const flux = fluxNamespaces(env);
  if (namespace && flux.has(namespace)) {
    const known = FLUX_OBJECTS.find((o) => o.kind === kind && o.names.includes(name));
    if (known) {
      const instance = flux.get(namespace);
      const who = known.controller === 'flux' ? 'Flux' : `le ${known.controller} de Flux`;
      return { ...(instance ? { maker: instance.key } : {}), how: `créé par ${who} (déduit)` };
    }
  }
  // What a release's own objects name and its values do not make, its chart does not make either.
  const here = releasesOf(env).filter((r) => r.namespace === namespace && r.resource.key !== referrer?.deduced?.release);
  const fixed = here.find((r) => (CHART_OBJECTS[r.chart ?? ''] ?? []).some((o) => o.kind === kind && o.names.includes(name)));
  if (fixed) return releaseHow(fixed);
  const named = here.filter((r) => name === r.name || name.startsWith(`${r.name}-`)).sort((a, b) => b.name.length - a.name.length)[0];
  return named ? releaseHow(named) : undefined;
}
