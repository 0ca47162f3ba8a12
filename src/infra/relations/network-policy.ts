// NetworkPolicy → the workloads it applies to (podSelector) and the peers its rules allow (pods or namespaces).
// ipBlock peers name no resource and produce no edge.
import type { RelationBuilder } from '../kinds/entry.ts';
import { networkPolicyOf, selectedNamespaces, type Peer, type NetworkPolicyRule } from '../kinds/network-policies.ts';
import { labelSelectorText, matchesLabelSelector } from '../labels.ts';
import type { Environment, Relation, Resource } from '../model.ts';
import { edge, keyIn, podLabelsOf, workloadsIn } from './common.ts';

/** « sur le port 5432/TCP », « sur les ports 80, 443 » (the protocol when written, a range as `from-to`). */
function portsText(rule: NetworkPolicyRule): { text: string; ports?: string } {
  const ports = rule.ports.map((p) => `${p.port ?? 'tous'}${p.endPort ? `-${p.endPort}` : ''}${p.protocol ? `/${p.protocol}` : ''}`);
  if (ports.length === 0) return { text: '' };
  return { text: ports.length === 1 ? ` sur le port ${ports[0]}` : ` sur les ports ${ports.join(', ')}`, ports: ports.join(', ') };
}

function peerEdges(env: Environment, policy: Resource, peer: Peer, rule: NetworkPolicyRule): Relation[] {
  if (peer.ipBlock || (!peer.podSelector && !peer.namespaceSelector)) return [];
  const { podSelector, namespaceSelector } = peer;
  const type = rule.direction === 'ingress' ? 'allows-from' : 'allows-to';
  const verb = rule.direction === 'ingress' ? 'autorise le trafic entrant depuis' : 'autorise le trafic sortant vers';
  const { text, ports } = portsText(rule);
  const detail: Record<string, string> = { direction: rule.direction, ...(ports ? { ports } : {}) };
  const namespaces = namespaceSelector ? selectedNamespaces(env, namespaceSelector) : [policy.id.namespace ?? ''];
  if (!podSelector) {
    return namespaces.map((ns) =>
      edge(env, type, policy, keyIn(env, '', 'Namespace', undefined, ns), `${verb} le namespace ${ns}${text}`, detail),
    );
  }
  const pods = labelSelectorText(podSelector);
  return namespaces.flatMap((ns) => {
    const where = ns === policy.id.namespace ? '' : ` du namespace ${ns}`;
    const what = pods ? `les pods ${pods}` : 'tous les pods';
    return workloadsIn(env, ns)
      .filter((w) => matchesLabelSelector(podSelector, podLabelsOf(w)))
      .map((w) => edge(env, type, policy, w.key, `${verb} ${what}${where}${text}`, detail));
  });
}

export const networkPolicyEdges: RelationBuilder = (env, policy) => {
  const facts = networkPolicyOf(policy.object);
  const relations: Relation[] = [];
  const pods = labelSelectorText(facts.podSelector);
  for (const workload of workloadsIn(env, policy.id.namespace).filter((w) => matchesLabelSelector(facts.podSelector, podLabelsOf(w)))) {
    relations.push(edge(env, 'applies-to', policy, workload.key, pods ? `s’applique aux pods ${pods}` : 's’applique à tous les pods du namespace'));
  }
  for (const rule of facts.rules) for (const peer of rule.peers) relations.push(...peerEdges(env, policy, peer, rule));
  return { relations, findings: [] };
};
