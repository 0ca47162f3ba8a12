// PodDisruptionBudget → the workloads whose pods it protects during voluntary disruptions (drains, upgrades).
import type { RelationBuilder } from '../kinds/entry.ts';
import { labelSelectorText, matchesLabelSelector } from '../labels.ts';
import { asRecord, asString, specOf } from '../fields.ts';
import { capitalize } from '../french.ts';
import { describe, edge, finding, podLabelsOf, workloadsIn } from './common.ts';

function budgetText(spec: Record<string, unknown>): { text: string; detail: Record<string, string> } {
  const min = asString(spec.minAvailable);
  const max = asString(spec.maxUnavailable);
  if (min) return { text: ` (au moins ${min} disponible${min === '1' ? '' : 's'})`, detail: { minAvailable: min } };
  if (max) return { text: ` (au plus ${max} indisponible${max === '1' ? '' : 's'})`, detail: { maxUnavailable: max } };
  return { text: '', detail: {} };
}

export const disruptionBudgetTargets: RelationBuilder = (env, pdb) => {
  const spec = specOf(pdb);
  const selector = asRecord(spec.selector);
  if (!selector) return { relations: [], findings: [] };
  const selected = workloadsIn(env, pdb.id.namespace).filter((w) => matchesLabelSelector(selector, podLabelsOf(w)));
  const labels = labelSelectorText(selector) || 'tous les pods';
  if (selected.length === 0) {
    const message = `${capitalize(describe(pdb))} protège les pods ${labels}, mais aucun workload du namespace n’a ces labels.`;
    const hint = `Comparez spec.selector du PodDisruptionBudget avec les labels du modèle de pod du workload visé.`;
    return { relations: [], findings: [finding(pdb, 'FFE-W-PDB-SELECTOR-EMPTY', 'warning', message, hint)] };
  }
  const budget = budgetText(spec);
  const relations = selected.map((workload) => edge(env, 'protects', pdb, workload.key, `protège les pods ${labels}${budget.text}`, budget.detail));
  return { relations, findings: [] };
};
