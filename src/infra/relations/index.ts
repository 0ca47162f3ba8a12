// All relation builders of one environment. Each builder lives in its own file, named for the edge kind it produces,
// and is a pure function (env) => RelationResult; this module runs them all and sorts the result.
//
// Conventions views can rely on:
// - `from` is always the key of a resource in env.byKey.
// - `to` is a resource key of the same environment. When that resource is not written in the manifests, the edge
//   carries `detail.external = 'true'`: the target is provided by the cluster (k3s's `local-path` StorageClass,
//   built-in ClusterRoles, the `kube-root-ca.crt` ConfigMap), by a chart, or produced by a controller. For Secrets
//   produced by a resource of the manifests (SealedSecret, CloudNativePG Cluster, cert-manager Certificate, Ingress TLS
//   issued by cert-manager), `detail.producedBy` is the producer's key; see `producerOf`.
// - Custom resources (CNPG, Barman Cloud, k8up, cert-manager, Flux, Traefik) read Secrets and ConfigMaps too: their
//   `uses-secret` / `uses-configmap` edges carry `detail.fields`, the spec fields naming the target. A Secret created
//   at bootstrap (Flux's deploy key) carries `detail.provider`.
// - A missing reference that is optional gets an edge with `detail.optional = 'true'` (and `external`) and no finding;
//   a missing reference that is not optional (dangling) gets a finding and no edge.
// - StatefulSet volumeClaimTemplates point to the PVC family `<template>-<statefulset>` (replica claims add `-<n>`),
//   with `detail.volumeClaimTemplate`.
// - Several edges may share (from, type, to) when they differ in detail (two ports, two NetworkPolicy rules).
// - Flux `deploys` edges come from `context.deployedBy` (Kustomization key → keys of the resources built from its
//   spec.path, supplied by the loader) and from the kustomize.toolkit.fluxcd.io/name + /namespace labels.
import { compareFindings } from '../findings.ts';
import { compareRelations, type Environment, type Finding, type Relation } from '../model.ts';
import { autoscalerTargets } from './scale-target.ts';
import { cnpgEdges } from './cnpg.ts';
import { customResourceSecretUses } from './custom-resource-secrets.ts';
import { disruptionBudgetTargets } from './disruption-budget.ts';
import { fluxEdges } from './flux.ts';
import { httpRouteRoutes } from './http-route.ts';
import { ingressRoutes } from './ingress.ts';
import { ingressRouteRoutes } from './ingress-route.ts';
import { networkPolicyEdges } from './network-policy.ts';
import { roleBindingEdges } from './rbac.ts';
import { sealedSecretProducts } from './sealed-secret.ts';
import { serviceSelections } from './service-selector.ts';
import { storageClassUses } from './storage-class.ts';
import { tlsEdges } from './tls.ts';
import { workloadConfigUses } from './workload-config.ts';

export interface RelationResult {
  relations: Relation[];
  /** Dangling references and similar findings discovered while resolving edges. */
  findings: Finding[];
}

export interface RelationContext {
  /** Flux Kustomization key → keys of the resources its spec.path renders to (computed by the loader). */
  deployedBy?: Map<string, string[]>;
}

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

export function buildRelations(env: Environment, context: RelationContext = {}): RelationResult {
  const results: RelationResult[] = [
    ingressRoutes(env),
    httpRouteRoutes(env),
    ingressRouteRoutes(env),
    serviceSelections(env),
    workloadConfigUses(env),
    sealedSecretProducts(env),
    storageClassUses(env),
    autoscalerTargets(env),
    disruptionBudgetTargets(env),
    networkPolicyEdges(env),
    tlsEdges(env),
    roleBindingEdges(env),
    fluxEdges(env, context.deployedBy),
    cnpgEdges(env),
    customResourceSecretUses(env),
  ];
  return {
    relations: unique(results.flatMap((r) => r.relations)).sort(compareRelations),
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
  };
}

export function relationsFrom(relations: readonly Relation[], key: string): Relation[] {
  return relations.filter((r) => r.from === key);
}

export function relationsTo(relations: readonly Relation[], key: string): Relation[] {
  return relations.filter((r) => r.to === key);
}

/** Key of the resource that produces a Secret not written in the manifests (SealedSecret, CNPG Cluster…), if any. */
export function producerOf(relations: readonly Relation[], secretKey: string): string | undefined {
  const incoming = relations.filter((r) => r.to === secretKey);
  return (
    incoming.find((r) => r.type === 'produces-secret')?.from ??
    incoming.find((r) => r.type === 'stores-certificate' && r.from.includes('/cert-manager.io/Certificate/'))?.from ??
    incoming.find((r) => r.detail?.producedBy)?.detail?.producedBy
  );
}
