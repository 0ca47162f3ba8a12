// Platform rules over plain Kubernetes objects: the site lists them, the model's checks and the tests run them.
import type { KubeObject } from '../model.ts';
import { POLICY_RULES } from './rules.ts';
import type { PolicyViolation } from './types.ts';

export { POLICY_RULES, REQUIRED_LABELS, imagePin, defaultDenyDirections } from './rules.ts';
export { referencesExist, podReferences, customResourceReferences, producedSecrets, type Reference } from './references.ts';
export { EXEMPTION_ANNOTATIONS, type PolicyRule, type PolicyViolation } from './types.ts';

/** Every violation of every rule, in rule order then object order. */
export function evaluatePolicy(objects: KubeObject[]): PolicyViolation[] {
  return POLICY_RULES.flatMap((rule) => rule.check(objects));
}
