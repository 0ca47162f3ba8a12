// Small helpers shared by the relation builders: finding resources, label selectors, describing resources and findings
// (manifest fields are read with ../fields.ts). Builders stay pure: everything here is a function of its arguments.
import { resourceKey, type Environment, type Finding, type Relation, type RelationType, type Resource } from '../model.ts';
import { asRecord, asRecords, asString } from '../fields.ts';
import { theKind } from '../french.ts';
import { isWorkload, podTemplateOf } from '../workloads.ts';

/** Resources of a kind, optionally restricted to some API groups (Traefik, for one, has moved between groups). */
export function resourcesOfKind(env: Environment, kind: string, groups?: readonly string[]): Resource[] {
  const all = env.byKind.get(kind) ?? [];
  return groups ? all.filter((r) => groups.includes(r.id.group)) : all;
}

// Lookups below are indexed once per environment: builders ask them for every reference, and a scan per question
// would make relations grow with the square of the number of resources.
const byKindAndName = new WeakMap<Environment, Map<string, Resource[]>>();
const workloadsByNamespace = new WeakMap<Environment, Map<string | undefined, Resource[]>>();

function nameIndex(env: Environment): Map<string, Resource[]> {
  let index = byKindAndName.get(env);
  if (!index) {
    index = new Map();
    for (const r of env.resources) {
      const at = `${r.id.kind}\u0000${r.id.namespace ?? ''}\u0000${r.id.name}`;
      const list = index.get(at);
      if (list) list.push(r);
      else index.set(at, [r]);
    }
    byKindAndName.set(env, index);
  }
  return index;
}

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

export function workloadsIn(env: Environment, namespace: string | undefined): Resource[] {
  let index = workloadsByNamespace.get(env);
  if (!index) {
    index = new Map();
    for (const r of env.resources) {
      if (!isWorkload(r)) continue;
      const list = index.get(r.id.namespace);
      if (list) list.push(r);
      else index.set(r.id.namespace, [r]);
    }
    workloadsByNamespace.set(env, index);
  }
  return index.get(namespace) ?? [];
}

/**
 * Init containers then containers of a pod spec, keeping only entries that are objects: manifests are read before
 * the API server would reject them, so a `null` or a string in the list is skipped rather than trusted.
 */
export function containersIn(spec: Record<string, unknown>): Record<string, unknown>[] {
  return [...asRecords(spec.initContainers), ...asRecords(spec.containers)];
}

export function podLabelsOf(resource: Resource): Record<string, string> {
  return podTemplateOf(resource.object)?.labels ?? {};
}

/** A plain label map (Service selector): every pair must be present. An empty map selects nothing here. */
export function matchesLabelMap(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === String(v));
}

/** A metav1.LabelSelector (matchLabels + matchExpressions). An empty selector selects everything. */
export function matchesLabelSelector(selector: Record<string, unknown>, labels: Record<string, string>): boolean {
  const matchLabels = (asRecord(selector.matchLabels) ?? {}) as Record<string, string>;
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === String(v))) return false;
  return asRecords(selector.matchExpressions).every((expr) => {
    const key = asString(expr.key) ?? '';
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr.operator) {
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

export function labelMapText(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function labelSelectorText(selector: Record<string, unknown>): string {
  const parts = Object.entries((asRecord(selector.matchLabels) ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  for (const expr of asRecords(selector.matchExpressions)) {
    const values = Array.isArray(expr.values) ? expr.values.map(String).join(', ') : '';
    const key = asString(expr.key) ?? '?';
    if (expr.operator === 'In') parts.push(`${key} ∈ {${values}}`);
    else if (expr.operator === 'NotIn') parts.push(`${key} ∉ {${values}}`);
    else if (expr.operator === 'Exists') parts.push(key);
    else if (expr.operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(', ');
}



/** « le Deployment web (namespace ffe) », « l’Ingress web (namespace ffe) », for messages. */
export function describe(resource: Resource): string {
  const where = resource.id.namespace ? ` (namespace ${resource.id.namespace})` : '';
  return `${theKind(resource.id.kind)} ${resource.id.name}${where}`;
}

export function finding(
  resource: Resource,
  code: string,
  severity: Finding['severity'],
  message: string,
  hint: string,
): Finding {
  return { code, severity, message, hint, location: resource.source, env: resource.id.env, resource: resource.key };
}

