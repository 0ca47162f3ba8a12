// Flux Kustomization / HelmRelease → their source, the resources they deploy and the objects they wait for.
import { capitalize, theKind } from '../french.ts';
import type { RelationBuilder } from '../kinds/entry.ts';
import { fluxKustomizationOf, helmReleaseOf, type ObjectReference } from '../kinds/flux.ts';
import { fluxSourceGroup } from '../kinds/registry.ts';
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import { describe, edge, finding, keyIn } from './common.ts';

/** Labels Flux puts on what a Kustomization applied; honoured when the manifests carry them. */
const NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
const NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';

function sourceEdge(env: Environment, from: Resource, ref: ObjectReference | undefined): Relation[] {
  if (!ref?.kind) return [];
  const namespace = ref.namespace ?? from.id.namespace;
  const group = fluxSourceGroup(ref.kind) ?? '';
  return [edge(env, 'source', from, keyIn(env, group, ref.kind, namespace, ref.name), `récupère ses sources depuis ${theKind(ref.kind)} ${ref.name}`)];
}

function dependsOnEdges(env: Environment, from: Resource, dependsOn: readonly ObjectReference[], findings: Finding[]): Relation[] {
  return dependsOn.flatMap((dep) => {
    const namespace = dep.namespace ?? from.id.namespace;
    const key = keyIn(env, from.id.group, from.id.kind, namespace, dep.name);
    if (!env.byKey.has(key)) {
      findings.push(
        finding(
          from,
          'FFE-E-DEPENDS-ON-MISSING',
          'error',
          `${capitalize(describe(from))} attend ${theKind(from.id.kind)} ${dep.name}${namespace !== from.id.namespace ? ` du namespace ${namespace}` : ''}, qui n’existe pas : Flux ne le réconciliera jamais.`,
          `Corrigez le nom dans spec.dependsOn ou ajoutez ${theKind(from.id.kind)} ${dep.name}.`,
        ),
      );
      return [];
    }
    return [edge(env, 'depends-on', from, key, `attend que ${theKind(from.id.kind)} ${dep.name} soit prêt`)];
  });
}

function deployedByLabels(env: Environment, kustomization: Resource): string[] {
  return env.resources
    .filter((r) => r.labels[NAME_LABEL] === kustomization.id.name && r.labels[NAMESPACE_LABEL] === kustomization.id.namespace)
    .map((r) => r.key);
}

export const kustomizationEdges: RelationBuilder = (env, kustomization, _entry, context) => {
  const facts = fluxKustomizationOf(kustomization.object);
  const findings: Finding[] = [];
  const relations = [...sourceEdge(env, kustomization, facts.sourceRef), ...dependsOnEdges(env, kustomization, facts.dependsOn, findings)];
  const deployed = new Set([...(context.deployedBy?.get(kustomization.key) ?? []), ...deployedByLabels(env, kustomization)]);
  for (const key of deployed) {
    if (key !== kustomization.key) relations.push(edge(env, 'deploys', kustomization, key, `déploie le dossier ${facts.path}`, { path: facts.path }));
  }
  return { relations, findings };
};

export const helmReleaseEdges: RelationBuilder = (env, release) => {
  const facts = helmReleaseOf(release.object);
  const findings: Finding[] = [];
  const relations = [...sourceEdge(env, release, facts.chartSource), ...dependsOnEdges(env, release, facts.dependsOn, findings)];
  return { relations, findings };
};
