// All relations of one environment. The kind registry (../kinds/registry.ts) names, for each kind, the builders its
// resources run: each lives in its own file, named for the edges it produces, and is a pure function of the
// environment and one resource. This module runs them, removes repeats and sorts the result.
//
// Conventions views can rely on:
// - `from` is always the key of a resource in env.byKey (or `to`, for builders that find who uses a resource).
// - `to` is a resource key of the same environment. When that resource is not written in the manifests, the edge
//   carries `detail.external = 'true'`: the target is provided by the cluster (k3s's `local-path` StorageClass,
//   built-in ClusterRoles, the `kube-root-ca.crt` ConfigMap), by a chart, or produced by a controller. For Secrets
//   produced by a resource of the manifests (SealedSecret, CloudNativePG Cluster, cert-manager Certificate, Ingress TLS
//   issued by cert-manager), `detail.producedBy` is the producer's key (secret-producers.ts). A reference resolved to a
//   registry built-in (Flux's deploy key, `kube-root-ca.crt`) carries `detail.provider`.
// - Custom resources (CNPG, Barman Cloud, k8up, cert-manager, Flux, Traefik) read Secrets and ConfigMaps too: their
//   `uses-secret` / `uses-configmap` edges carry `detail.fields`, the spec fields naming the target.
// - A missing reference that is optional gets an edge with `detail.optional = 'true'` (and `external`) and no finding;
//   a missing reference that is not optional (dangling) gets a finding and no edge.
// - StatefulSet volumeClaimTemplates point to the PVC family `<template>-<statefulset>` (replica claims add `-<n>`),
//   with `detail.volumeClaimTemplate`.
// - Several edges may share (from, type, to) when they differ in detail (two ports, two NetworkPolicy rules).
// - Flux `deploys` edges come from `context.deployedBy` (Kustomization key → keys of the resources built from its
//   spec.path, supplied by the loader) and from the kustomize.toolkit.fluxcd.io/name + /namespace labels.
import { compareFindings } from '../findings.ts';
import type { RelationContext, RelationResult } from '../kinds/entry.ts';
import { builtInObject, kindEntry } from '../kinds/registry.ts';
import { compareRelations, type Environment, type Relation } from '../model.ts';

export type { RelationContext, RelationResult };

/** Identical edges (two builders or two rules saying the same thing) are kept once. */
function unique(relations: Relation[]): Relation[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const id = JSON.stringify([r.from, r.type, r.to, r.reason, r.detail ?? {}]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function buildRelations(env: Environment, options: Pick<RelationContext, 'deployedBy'> = {}): RelationResult {
  const context: RelationContext = { ...options, builtIn: builtInObject };
  const results: RelationResult[] = [];
  for (const resource of env.resources) {
    const entry = kindEntry(resource.id.group, resource.id.kind);
    for (const build of entry?.relations ?? []) results.push(build(env, resource, entry!, context));
  }
  return {
    relations: unique(results.flatMap((r) => r.relations)).sort(compareRelations),
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
  };
}
