// Service → workloads: the selector is matched against pod template labels; named target ports are resolved
// against the selected containers' ports.
import { capitalize } from '../french.ts';
import type { RelationBuilder, RelationResult } from '../kinds/entry.ts';
import { isNamedPort as isNamed, serviceOf, type ServicePort } from '../kinds/services.ts';
import { workloadOf } from '../kinds/readers.ts';
import { labelMapText, matchesLabelMap } from '../labels.ts';
import type { Finding, Resource } from '../model.ts';
import { describe, edge, finding, podLabelsOf, workloadsIn } from './common.ts';

/** Named container ports of a workload: name → containerPort. */
function namedPortsOf(workload: Resource): Map<string, string> {
  const named = new Map<string, string>();
  for (const container of workloadOf(workload)?.containers ?? []) {
    for (const p of container.ports) {
      if (p.name && !named.has(p.name)) named.set(p.name, p.containerPort ?? '?');
    }
  }
  return named;
}

function portText(port: ServicePort, named: Map<string, string>): string {
  if (!isNamed(port.targetPort)) return `${port.port}→${port.targetPort}`;
  const resolved = named.get(port.targetPort);
  return resolved ? `${port.port}→${port.targetPort} (${resolved})` : `${port.port}→${port.targetPort} (?)`;
}

function unknownTargetPort(service: Resource, port: ServicePort, selected: Resource[]): Finding {
  const names = selected.map((w) => `${w.id.kind} ${w.id.name}`);
  return finding(
    service,
    'FFE-E-TARGETPORT-UNKNOWN',
    'error',
    `${capitalize(describe(service))} envoie le port ${port.port} vers le port nommé « ${port.targetPort} », qu’aucun conteneur des pods sélectionnés ne déclare.`,
    `Nommez « ${port.targetPort} » un port de conteneur dans ${names.join(', ')}, ou corrigez targetPort dans le Service ${service.id.name}.`,
  );
}

function selectorMatchesNothing(service: Resource, selector: Record<string, string>): Finding {
  return finding(
    service,
    'FFE-W-SELECTOR-EMPTY',
    'warning',
    `${capitalize(describe(service))} sélectionne les pods ${labelMapText(selector)}, mais aucun workload du namespace n’a ces labels : le Service n’a aucun point de terminaison.`,
    `Comparez spec.selector du Service avec les labels du modèle de pod (spec.template.metadata.labels) du workload visé.`,
  );
}

export const serviceSelections: RelationBuilder = (env, service) => {
  const result: RelationResult = { relations: [], findings: [] };
  const facts = serviceOf(service.object);
  const selector = facts.selector;
  // No selector (or ExternalName): endpoints are managed by hand or elsewhere, nothing to match.
  if (Object.keys(selector).length === 0 || facts.type === 'ExternalName') return result;
  const selected = workloadsIn(env, service.id.namespace).filter((w) => matchesLabelMap(selector, podLabelsOf(w)));
  if (selected.length === 0) {
    result.findings.push(selectorMatchesNothing(service, selector));
    return result;
  }
  const ports = facts.ports;
  const namedPorts = new Map(selected.map((w) => [w.key, namedPortsOf(w)]));
  for (const port of ports.filter((p) => isNamed(p.targetPort))) {
    if (!selected.some((w) => namedPorts.get(w.key)?.has(port.targetPort))) {
      result.findings.push(unknownTargetPort(service, port, selected));
    }
  }
  for (const workload of selected) {
    const text = ports.map((p) => portText(p, namedPorts.get(workload.key) ?? new Map()));
    const detail: Record<string, string> = { selector: labelMapText(selector) };
    if (text.length > 0) detail.ports = text.join(', ');
    result.relations.push(edge(env, 'selects', service, workload.key, `sélectionne les pods ${labelMapText(selector)}`, detail));
  }
  return result;
};
