// Platform rules over plain Kubernetes objects: the tests run them on fixtures, checks/policy.ts on every environment.
import type { KubeObject } from '../model.ts';
import { POLICY_RULES } from './rules.ts';
import type { PolicyViolation } from './types.ts';

export { POLICY_RULES, REQUIRED_LABELS, policyRules } from './rules.ts';
export type { ObjectRef, PolicyContext, PolicyRule, PolicyViolation } from './types.ts';
export { PAIR_RULES, PROMOTION_RULE, type PairRule } from './promotion.ts';

/** Every violation of every rule, in rule order then object order. */
export function evaluatePolicy(objects: KubeObject[]): PolicyViolation[] {
  return POLICY_RULES.flatMap((rule) => rule.check(objects));
}
