// Small helpers shared by the relation builders: finding resources, describing them, edges and findings (manifest
// fields are read by the parsers of ../kinds). Builders stay pure: everything here is a function of its arguments.
import { theKind } from '../french.ts';
import { isWorkload, podTemplateOf } from '../kinds/readers.ts';
import { locationOf, perEnvironment, resourceKey, type Environment, type FieldPath, type Finding, type Relation, type RelationType, type Resource } from '../model.ts';

// Lookups below are indexed once per environment: builders ask them for every reference, and a scan per question
// would make relations grow with the square of the number of resources.

const nameIndex = perEnvironment((env) => {
  const index = new Map<string, Resource[]>();
  for (const r of env.resources) {
    const at = `${r.id.kind}\u0000${r.id.namespace ?? ''}\u0000${r.id.name}`;
    const list = index.get(at);
    if (list) list.push(r);
    else index.set(at, [r]);
  }
  return index;
});

export function findResource(
  env: Environment,
  kind: string,
  namespace: string | undefined,
  name: string,
  groups?: readonly string[],
): Resource | undefined {
  const candidates = nameIndex(env).get(`${kind}\u0000${namespace ?? ''}\u0000${name}`) ?? [];
  return candidates.find((r) => (groups ? groups.includes(r.id.group) : true) && r.id.namespace === namespace);
}

/** The key a resource would have in this environment, whether or not the manifests define it. */
export function keyIn(env: Environment, group: string, kind: string, namespace: string | undefined, name: string): string {
  return resourceKey({ env: env.name, group, kind, namespace, name });
}

/**
 * An edge whose target is not in the manifests (provided by the cluster, a chart or a controller) carries
 * `detail.external = 'true'`; see relations/index.ts.
 */
export function edge(
  env: Environment,
  type: RelationType,
  from: Resource,
  to: string,
  reason: string,
  detail: Record<string, string> = {},
): Relation {
  const full = env.byKey.has(to) ? detail : { ...detail, external: 'true' };
  return Object.keys(full).length > 0 ? { type, from: from.key, to, reason, detail: full } : { type, from: from.key, to, reason };
}

const workloadIndex = perEnvironment((env) => {
  const index = new Map<string | undefined, Resource[]>();
  for (const r of env.resources) {
    if (!isWorkload(r)) continue;
    const list = index.get(r.id.namespace);
    if (list) list.push(r);
    else index.set(r.id.namespace, [r]);
  }
  return index;
});

export function workloadsIn(env: Environment, namespace: string | undefined): Resource[] {
  return workloadIndex(env).get(namespace) ?? [];
}

/** Every workload of an environment, in key order. */
export function workloadsOf(env: Environment): Resource[] {
  return env.resources.filter(isWorkload);
}

export function podLabelsOf(resource: Resource): Record<string, string> {
  return podTemplateOf(resource)?.labels ?? {};
}

/** « le Deployment web (namespace ffe) », « l’Ingress web (namespace ffe) », for messages. */
export function describe(resource: Resource): string {
  const where = resource.id.namespace ? ` (namespace ${resource.id.namespace})` : '';
  return `${theKind(resource.id.kind)} ${resource.id.name}${where}`;
}

/** A finding about a resource, located at the field it is about (`at`, as its parser read it) when given. */
export function finding(
  resource: Resource,
  code: string,
  severity: Finding['severity'],
  message: string,
  hint: string,
  at?: FieldPath,
): Finding {
  return { code, severity, message, hint, location: locationOf(resource, at), env: resource.id.env, resource: resource.key };
}
