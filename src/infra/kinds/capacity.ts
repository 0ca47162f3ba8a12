// The declared size of the cluster's nodes. Convention: a ConfigMap labelled `ffe.fr/node-capacity: "true"` (any
// namespace) whose data holds `cpu` and `memory` as Kubernetes quantities (`4`, `8Gi`), one ConfigMap per node.
import { asRecord, asString } from '../fields.ts';
import { resourcesOfKind, type Environment, type Resource } from '../model.ts';
import { parseCpu, parseMemory } from '../quantities.ts';

export const NODE_CAPACITY_LABEL = 'ffe.fr/node-capacity';

export interface NodeCapacity {
  /** Cores and bytes, added up over the nodes; a quantity that cannot be read counts for 0. */
  cpu: number;
  memory: number;
  /** The ConfigMaps that declare it. */
  declaredBy: Resource[];
}

/** The nodes' capacity, or undefined when no ConfigMap declares one. */
export function nodeCapacity(env: Environment): NodeCapacity | undefined {
  const declaredBy = resourcesOfKind(env, 'ConfigMap', ['']).filter((c) => c.labels[NODE_CAPACITY_LABEL] === 'true');
  if (declaredBy.length === 0) return undefined;
  const finite = (n: number) => (Number.isFinite(n) ? n : 0);
  let cpu = 0;
  let memory = 0;
  for (const c of declaredBy) {
    const data = asRecord(c.object.data) ?? {};
    cpu += finite(parseCpu(asString(data.cpu)));
    memory += finite(parseMemory(asString(data.memory)));
  }
  return { cpu, memory, declaredBy };
}
