// A namespace that runs pods but has no NetworkPolicy lets every pod of the cluster reach them.
import type { Environment, Finding, Resource } from '../model.ts';
import { isWorkload } from '../workloads.ts';

const POLICY_KINDS = new Set(['NetworkPolicy', 'CiliumNetworkPolicy']);
/** Policies that apply to every namespace at once. */
const CLUSTER_POLICY_KINDS = new Set(['CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy']);

export function checkNetworkPolicies(env: Environment): Finding[] {
  if (env.resources.some((r) => CLUSTER_POLICY_KINDS.has(r.id.kind))) return [];
  const covered = new Set<string>();
  const firstWorkload = new Map<string, Resource>();
  for (const r of env.resources) {
    if (!r.id.namespace) continue;
    if (POLICY_KINDS.has(r.id.kind)) covered.add(r.id.namespace);
    else if (isWorkload(r) && !firstWorkload.has(r.id.namespace)) firstWorkload.set(r.id.namespace, r);
  }
  const findings: Finding[] = [];
  for (const [namespace, workload] of firstWorkload) {
    if (covered.has(namespace)) continue;
    const ns = env.byKey.get(`${env.name}/core/Namespace/_cluster/${namespace}`);
    const anchor = ns ?? workload;
    findings.push({
      code: 'FFE-W-NETWORKPOLICY-MISSING',
      severity: 'warning',
      message: `L’espace de noms « ${namespace} » fait tourner des pods (dont ${workload.id.kind} ${workload.id.name}) sans aucune NetworkPolicy.`,
      hint: 'Ajoutez au moins une NetworkPolicy qui refuse par défaut, puis ouvrez les flux nécessaires.',
      location: anchor.source,
      env: env.name,
      resource: anchor.key,
    });
  }
  return findings;
}
