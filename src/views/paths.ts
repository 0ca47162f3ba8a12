// Page addresses of the generated infrastructure pages. Every link from a diagram or a table goes through here, so
// that the pages the lead generates and the links pointing at them cannot drift apart.
import { DocumentationError, type Resource, type ResourceId } from '../infra/index.ts';

/** Segment used in place of a namespace for cluster-scoped resources. */
export const CLUSTER_SEGMENT = '_cluster';
export const INFRA_ROOT = '/infra/';

const segment = (value: string): string => encodeURIComponent(value);

/** Splits a resource key (`env/group/kind/namespace/name`, see resourceKey) back into its identity. */
export function parseResourceKey(key: string): ResourceId {
  const parts = key.split('/');
  if (parts.length < 5) {
    throw new DocumentationError(
      `Clé de ressource invalide : « ${key} » (attendu env/groupe/type/namespace/nom).`,
      'Citez la ressource par ses attributs (kind, namespace, name, env) plutôt que par une clé écrite à la main.',
    );
  }
  const [env, group, kind, namespace] = parts;
  const name = parts.slice(4).join('/');
  return {
    env,
    group: group === 'core' ? '' : group,
    kind,
    ...(namespace === CLUSTER_SEGMENT ? {} : { namespace }),
    name,
  };
}

export function environmentPath(env: string): string {
  return `${INFRA_ROOT}${segment(env)}/`;
}

export function namespacePath(env: string, namespace: string | undefined): string {
  return `${environmentPath(env)}${segment(namespace ?? CLUSTER_SEGMENT)}/`;
}

/**
 * `/infra/<env>/<namespace>/<kind>/<name>/`. The API group is not part of the address: two kinds of the same name in
 * different groups with the same namespace and name (k3s and Flux `HelmChart`) would share one page.
 */
export function resourcePath(resource: Resource | ResourceId | string): string {
  const id = typeof resource === 'string' ? parseResourceKey(resource) : 'id' in resource ? resource.id : resource;
  return `${namespacePath(id.env, id.namespace)}${segment(id.kind.toLowerCase())}/${segment(id.name)}/`;
}

/** The route parameters of a resource page, for Astro's getStaticPaths. */
export function resourcePathSegments(resource: Resource | ResourceId | string): { env: string; namespace: string; kind: string; name: string } {
  const id = typeof resource === 'string' ? parseResourceKey(resource) : 'id' in resource ? resource.id : resource;
  return { env: id.env, namespace: id.namespace ?? CLUSTER_SEGMENT, kind: id.kind.toLowerCase(), name: id.name };
}
