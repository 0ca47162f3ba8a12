// PodDisruptionBudget → the workloads whose pods it protects during voluntary disruptions (drains, upgrades).
import type { Environment, Finding, Relation } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asString, specOf } from '../fields.ts';
import { capitalize } from '../french.ts';
import { describe, edge, finding, labelSelectorText, matchesLabelSelector, podLabelsOf, resourcesOfKind, workloadsIn } from './common.ts';

function budgetText(spec: Record<string, unknown>): { text: string; detail: Record<string, string> } {
  const min = asString(spec.minAvailable);
  const max = asString(spec.maxUnavailable);
  if (min) return { text: ` (au moins ${min} disponible${min === '1' ? '' : 's'})`, detail: { minAvailable: min } };
  if (max) return { text: ` (au plus ${max} indisponible${max === '1' ? '' : 's'})`, detail: { maxUnavailable: max } };
  return { text: '', detail: {} };
}

export function disruptionBudgetTargets(env: Environment): RelationResult {
  const relations: Relation[] = [];
  const findings: Finding[] = [];
  for (const pdb of resourcesOfKind(env, 'PodDisruptionBudget', ['policy'])) {
    const spec = specOf(pdb);
    const selector = asRecord(spec.selector);
    if (!selector) continue;
    const selected = workloadsIn(env, pdb.id.namespace).filter((w) => matchesLabelSelector(selector, podLabelsOf(w)));
    const labels = labelSelectorText(selector) || 'tous les pods';
    if (selected.length === 0) {
      findings.push(
        finding(
          pdb,
          'FFE-W-PDB-SELECTOR-EMPTY',
          'warning',
          `${capitalize(describe(pdb))} protège les pods ${labels}, mais aucun workload du namespace n’a ces labels.`,
          `Comparez spec.selector du PodDisruptionBudget avec les labels du modèle de pod du workload visé.`,
        ),
      );
      continue;
    }
    const budget = budgetText(spec);
    for (const workload of selected) {
      relations.push(edge(env, 'protects', pdb, workload.key, `protège les pods ${labels}${budget.text}`, budget.detail));
    }
  }
  return { relations, findings };
}
