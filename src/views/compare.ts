// What differs between two environments (the site decides which, src/site/environments.ts). Resources are matched by
// (group, kind, namespace, name): the environment is the only part of the key that may differ.
import { compareText, endpointsOf, imageSlotsOf, kindLabel, podsOf, type Environment, type Model, type Resource } from '../infra/index.ts';
import { findEnvironment, uniqueSorted } from './context.ts';
import { resourcePath } from './paths.ts';

export interface ComparedResource {
  /** group/kind/namespace/name, the identity shared by both environments. */
  identity: string;
  kind: string;
  kindLabel: string;
  namespace?: string;
  name: string;
  /** Page of the resource in each environment where it exists. */
  hrefs: Record<string, string>;
}

export interface ValueDifference extends ComparedResource {
  /** What differs: « image du conteneur web », « réplicas ». */
  what: string;
  left?: string;
  right?: string;
}

export interface EnvironmentComparison {
  left: string;
  right: string;
  onlyLeft: ComparedResource[];
  onlyRight: ComparedResource[];
  images: ValueDifference[];
  replicas: ValueDifference[];
  /** Public hosts published in one environment only, or by another route. */
  hosts: { host: string; left?: string; right?: string }[];
  /** Resources present in both environments with the same images and replicas. */
  same: number;
}

const identityOf = (r: Resource): string => [r.id.group || 'core', r.id.kind, r.id.namespace ?? '_cluster', r.id.name].join('/');

function compared(resources: Resource[]): ComparedResource {
  const r = resources[0];
  return {
    identity: identityOf(r),
    kind: r.id.kind,
    kindLabel: kindLabel(r.id),
    ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
    name: r.id.name,
    hrefs: Object.fromEntries(resources.map((x) => [x.id.env, resourcePath(x)])),
  };
}

/** Container → image, for every container of the resource's pods (init containers included). */
function images(r: Resource): Map<string, string> {
  return new Map(imageSlotsOf(r).map((slot) => [slot.container, slot.image]));
}

/** The number of replicas or instances, when the resource fixes one. */
function replicas(r: Resource): string | undefined {
  const replicas = podsOf(r)?.replicas;
  return replicas?.by === 'replicas' || replicas?.by === 'instances' ? String(replicas.count) : undefined;
}

/** Host → « Ingress ns/name » of the route publishing it, in one environment. */
function hostRoutes(env: Environment): Map<string, string> {
  const map = new Map<string, Set<string>>();
  for (const e of endpointsOf(env)) {
    const [, , kind, namespace, name] = e.route.split('/');
    const route = `${kind} ${namespace}/${name}`;
    map.set(e.host, (map.get(e.host) ?? new Set()).add(route));
  }
  return new Map([...map].map(([host, routes]) => [host, uniqueSorted(routes).join(', ')]));
}

export function compareEnvironments(model: Model, left: string, right: string): EnvironmentComparison {
  const a = findEnvironment(model, left);
  const b = findEnvironment(model, right);
  const byIdentity = (env: Environment) => new Map(env.resources.map((r) => [identityOf(r), r]));
  const mapA = byIdentity(a);
  const mapB = byIdentity(b);
  const identities = uniqueSorted([...mapA.keys(), ...mapB.keys()]);
  const result: EnvironmentComparison = { left, right, onlyLeft: [], onlyRight: [], images: [], replicas: [], hosts: [], same: 0 };
  for (const identity of identities) {
    const ra = mapA.get(identity);
    const rb = mapB.get(identity);
    if (ra && !rb) result.onlyLeft.push(compared([ra]));
    else if (rb && !ra) result.onlyRight.push(compared([rb]));
    if (!ra || !rb) continue;
    const base = compared([ra, rb]);
    const ia = images(ra);
    const ib = images(rb);
    let differs = false;
    for (const container of uniqueSorted([...ia.keys(), ...ib.keys()])) {
      if (ia.get(container) === ib.get(container)) continue;
      differs = true;
      result.images.push({ ...base, what: `image du conteneur ${container}`, ...(ia.has(container) ? { left: ia.get(container) } : {}), ...(ib.has(container) ? { right: ib.get(container) } : {}) });
    }
    const na = replicas(ra);
    const nb = replicas(rb);
    if (na !== nb) {
      differs = true;
      result.replicas.push({ ...base, what: 'réplicas', ...(na ? { left: na } : {}), ...(nb ? { right: nb } : {}) });
    }
    if (!differs) result.same++;
  }
  const ha = hostRoutes(a);
  const hb = hostRoutes(b);
  for (const host of uniqueSorted([...ha.keys(), ...hb.keys()])) {
    if (ha.get(host) === hb.get(host)) continue;
    result.hosts.push({ host, ...(ha.has(host) ? { left: ha.get(host) } : {}), ...(hb.has(host) ? { right: hb.get(host) } : {}) });
  }
  result.hosts.sort((x, y) => compareText(x.host, y.host));
  return result;
}
