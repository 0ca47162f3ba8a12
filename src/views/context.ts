// One environment of the model with its relations indexed both ways: what every view starts from.
import {
  compareRelations,
  compareText,
  DocumentationError,
  distinctFindings,
  kindLabel,
  nodeClassOf,
  nodeShapeOf,
  type Environment,
  type Finding,
  type Model,
  type Relation,
  type Resource,
  type ResourceId,
} from '../infra/index.ts';
import type { DiagramNode } from './diagram.ts';
import { parseResourceKey, resourcePath } from './paths.ts';

export interface EnvContext {
  model: Model;
  env: Environment;
  relations: Relation[];
  outgoing: Map<string, Relation[]>;
  incoming: Map<string, Relation[]>;
}

export function findEnvironment(model: Model, env: string): Environment {
  const found = model.environments.find((e) => e.name === env);
  if (!found) {
    const known = model.environments.map((e) => e.name).join(', ') || 'aucun';
    throw new DocumentationError(
      `Environnement « ${env} » inconnu (environnements : ${known}).`,
      `Nommez un environnement existant (env="…"), ou ajoutez le dossier de l’environnement « ${env} » aux manifestes.`,
    );
  }
  return found;
}

/** Relations are sorted here whatever order the model gives them in: views must not depend on it. */
const contexts = new WeakMap<Model, Map<string, EnvContext>>();

/** Indexed once per model and environment: every page of a build asks again, and a model is never changed once loaded. */
export function envContext(model: Model, envName: string): EnvContext {
  let byEnv = contexts.get(model);
  if (!byEnv) contexts.set(model, (byEnv = new Map()));
  let ctx = byEnv.get(envName);
  if (!ctx) byEnv.set(envName, (ctx = indexEnvironment(model, envName)));
  return ctx;
}

function indexEnvironment(model: Model, envName: string): EnvContext {
  const env = findEnvironment(model, envName);
  const prefix = `${envName}/`;
  const relations = model.relations.filter((r) => r.from.startsWith(prefix)).sort(compareRelations);
  const outgoing = new Map<string, Relation[]>();
  const incoming = new Map<string, Relation[]>();
  for (const relation of relations) {
    const from = outgoing.get(relation.from);
    if (from) from.push(relation);
    else outgoing.set(relation.from, [relation]);
    const to = incoming.get(relation.to);
    if (to) to.push(relation);
    else incoming.set(relation.to, [relation]);
  }
  return { model, env, relations, outgoing, incoming };
}

export function out(ctx: EnvContext, key: string, type?: Relation['type']): Relation[] {
  const list = ctx.outgoing.get(key) ?? [];
  return type ? list.filter((r) => r.type === type) : list;
}

export function into(ctx: EnvContext, key: string, type?: Relation['type']): Relation[] {
  const list = ctx.incoming.get(key) ?? [];
  return type ? list.filter((r) => r.type === type) : list;
}

export function resourceOf(ctx: EnvContext, key: string): Resource | undefined {
  return ctx.env.byKey.get(key);
}

/** A resource's findings, each once per place (as `npm run check` counts them). */
export function findingsOf(model: Model, key: string): Finding[] {
  return distinctFindings(model.findings.filter((f) => f.resource === key));
}

/** « Déploiement web » — with the namespace when the diagram mixes namespaces. */
export function shortLabel(id: Pick<ResourceId, 'group' | 'kind' | 'name'>, namespace?: string): string {
  return `${kindLabel(id)} ${namespace ? `${namespace}/` : ''}${id.name}`;
}

/**
 * A diagram node for a resource key. Keys the manifests do not define (a ClusterIssuer provided by a chart, a
 * namespace created by hand) are drawn as external and link nowhere.
 */
export function resourceNode(ctx: EnvContext, key: string, options: { group?: string; showNamespace?: boolean } = {}): DiagramNode {
  const id = parseResourceKey(key);
  const exists = ctx.env.byKey.has(key);
  const label = shortLabel(id, options.showNamespace ? id.namespace : undefined);
  const shape = nodeShapeOf(id);
  const node: DiagramNode = {
    key,
    label,
    cls: exists ? nodeClassOf(id) : 'external',
    ...(options.group ? { group: options.group } : {}),
    ...(exists ? { href: resourcePath(id), tooltip: `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}` } : {}),
  };
  if (shape) node.shape = shape;
  return node;
}

/** What names a resource in a table or a page heading: its kind (and its French label), group, namespace and name. */
export interface ResourceIdentity {
  kind: string;
  kindLabel: string;
  group: string;
  apiVersion: string;
  namespace?: string;
  name: string;
}

export function identityOf(resource: Resource): ResourceIdentity {
  const { id } = resource;
  return {
    kind: id.kind,
    kindLabel: kindLabel(id),
    group: id.group,
    apiVersion: resource.apiVersion,
    ...(id.namespace ? { namespace: id.namespace } : {}),
    name: id.name,
  };
}

/** The application a resource belongs to, from the recommended labels: what big views aggregate by. */
export function applicationOf(resource: Resource | undefined): string | undefined {
  if (!resource) return undefined;
  const labels = resource.labels;
  return labels['app.kubernetes.io/part-of'] ?? labels['app.kubernetes.io/name'] ?? labels['app.kubernetes.io/instance'] ?? labels.app;
}

/** Deterministic, deduplicated and sorted. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}
