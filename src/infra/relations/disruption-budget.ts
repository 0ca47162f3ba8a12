// PodDisruptionBudget → the workloads whose pods it protects during voluntary disruptions (drains, upgrades).
import type { RelationBuilder } from '../kinds/entry.ts';
import { disruptionBudgetOf } from '../kinds/disruption-budgets.ts';
import { labelSelectorText, matchesLabelSelector } from '../labels.ts';
import { capitalize } from '../french.ts';
import { describe, edge, finding, podLabelsOf, workloadsIn } from './common.ts';

function budgetText(min: string | undefined, max: string | undefined): { text: string; detail: Record<string, string> } {
  if (min) return { text: ` (au moins ${min} disponible${min === '1' ? '' : 's'})`, detail: { minAvailable: min } };
  if (max) return { text: ` (au plus ${max} indisponible${max === '1' ? '' : 's'})`, detail: { maxUnavailable: max } };
  return { text: '', detail: {} };
}

export const disruptionBudgetTargets: RelationBuilder = (env, pdb) => {
  const budget = disruptionBudgetOf(pdb.object);
  const selector = budget.selector;
  if (!selector) return { relations: [], findings: [] };
  const selected = workloadsIn(env, pdb.id.namespace).filter((w) => matchesLabelSelector(selector, podLabelsOf(w)));
  const labels = labelSelectorText(selector) || 'tous les pods';
  if (selected.length === 0) {
    const message = `${capitalize(describe(pdb))} protège les pods ${labels}, mais aucun workload du namespace n’a ces labels.`;
    const hint = `Comparez spec.selector du PodDisruptionBudget avec les labels du modèle de pod du workload visé.`;
    return { relations: [], findings: [finding(pdb, 'FFE-W-PDB-SELECTOR-EMPTY', 'warning', message, hint, budget.at.selector)] };
  }
  const { text, detail } = budgetText(budget.minAvailable, budget.maxUnavailable);
  const relations = selected.map((workload) => edge(env, 'protects', pdb, workload.key, `protège les pods ${labels}${text}`, detail));
  return { relations, findings: [] };
};
