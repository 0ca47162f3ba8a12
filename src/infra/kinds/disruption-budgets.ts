// PodDisruptionBudgets: which pods a budget protects during voluntary disruptions (drains, upgrades), and how many
// of them must stay up.
import type { FieldPath, KubeObject } from '../model.ts';
import { Field } from './located.ts';

export interface DisruptionBudget {
  /** `spec.selector`, a label selector as written (matchLabels, matchExpressions). */
  selector?: Record<string, unknown>;
  minAvailable?: string;
  maxUnavailable?: string;
  at: { selector: FieldPath };
}

export function disruptionBudgetOf(object: KubeObject): DisruptionBudget {
  const spec = Field.of(object).at('spec');
  const selector = spec.at('selector').record();
  const minAvailable = spec.at('minAvailable').string();
  const maxUnavailable = spec.at('maxUnavailable').string();
  return {
    ...(selector ? { selector } : {}),
    ...(minAvailable ? { minAvailable } : {}),
    ...(maxUnavailable ? { maxUnavailable } : {}),
    at: { selector: spec.at('selector').path },
  };
}
