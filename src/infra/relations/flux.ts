// Flux Kustomization / HelmRelease → their source, the resources they deploy and the objects they wait for.
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, theKind } from '../french.ts';
import { describe, edge, finding, keyIn, resourcesOfKind } from './common.ts';

const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
const HELM_GROUP = 'helm.toolkit.fluxcd.io';
const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
/** Labels Flux puts on what a Kustomization applied; honoured when the manifests carry them. */
const NAME_LABEL = 'kustomize.toolkit.fluxcd.io/name';
const NAMESPACE_LABEL = 'kustomize.toolkit.fluxcd.io/namespace';

function sourceEdge(env: Environment, from: Resource, ref: Record<string, unknown> | undefined): Relation[] {
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  if (!kind || !name) return [];
  const namespace = asString(ref?.namespace) ?? from.id.namespace;
  const group = kind === 'HelmChart' || kind.endsWith('Repository') || kind === 'Bucket' ? SOURCE_GROUP : '';
  return [edge(env, 'source', from, keyIn(env, group, kind, namespace, name), `récupère ses sources depuis ${theKind(kind)} ${name}`)];
}

function dependsOnEdges(env: Environment, from: Resource, group: string, findings: Finding[]): Relation[] {
  return asRecords(specOf(from).dependsOn).flatMap((dep) => {
    const name = asString(dep.name);
    if (!name) return [];
    const namespace = asString(dep.namespace) ?? from.id.namespace;
    const key = keyIn(env, group, from.id.kind, namespace, name);
    if (!env.byKey.has(key)) {
      findings.push(
        finding(
          from,
          'FFE-E-DEPENDS-ON-MISSING',
          'error',
          `${capitalize(describe(from))} attend ${theKind(from.id.kind)} ${name}${namespace !== from.id.namespace ? ` du namespace ${namespace}` : ''}, qui n’existe pas : Flux ne le réconciliera jamais.`,
          `Corrigez le nom dans spec.dependsOn ou ajoutez ${theKind(from.id.kind)} ${name}.`,
        ),
      );
      return [];
    }
    return [edge(env, 'depends-on', from, key, `attend que ${theKind(from.id.kind)} ${name} soit prêt`)];
  });
}

function deployedByLabels(env: Environment, kustomization: Resource): string[] {
  return env.resources
    .filter((r) => r.labels[NAME_LABEL] === kustomization.id.name && r.labels[NAMESPACE_LABEL] === kustomization.id.namespace)
    .map((r) => r.key);
}

export function fluxEdges(env: Environment, deployedBy?: Map<string, string[]>): RelationResult {
  const relations: Relation[] = [];
  const findings: Finding[] = [];
  for (const kustomization of resourcesOfKind(env, 'Kustomization', [KUSTOMIZE_GROUP])) {
    const spec = specOf(kustomization);
    const path = asString(spec.path) ?? './';
    relations.push(...sourceEdge(env, kustomization, asRecord(spec.sourceRef)), ...dependsOnEdges(env, kustomization, KUSTOMIZE_GROUP, findings));
    const deployed = new Set([...(deployedBy?.get(kustomization.key) ?? []), ...deployedByLabels(env, kustomization)]);
    for (const key of deployed) {
      if (key !== kustomization.key) relations.push(edge(env, 'deploys', kustomization, key, `déploie le dossier ${path}`, { path }));
    }
  }
  for (const release of resourcesOfKind(env, 'HelmRelease', [HELM_GROUP])) {
    const spec = specOf(release);
    const chartSpec = asRecord(asRecord(spec.chart)?.spec);
    relations.push(
      ...sourceEdge(env, release, asRecord(chartSpec?.sourceRef)),
      ...sourceEdge(env, release, asRecord(spec.chartRef)),
      ...dependsOnEdges(env, release, HELM_GROUP, findings),
    );
  }
  return { relations, findings };
}
