// Every per-environment check, in one list: adding a check is adding a line here. Platform rules are not checks of
// their own: they live in src/infra/policy and reach the model through checkPolicy.
import type { Environment, Finding } from '../model.ts';
import { policyRules, type PolicyContext } from '../policy/index.ts';
import { checkPolicy, policyFindings } from './policy.ts';
import { checkSchemas } from './schema.ts';
import { checkConfigMapSecrets } from './config-secrets.ts';

export type EnvironmentCheck = (env: Environment) => Finding[];

export const ENVIRONMENT_CHECKS: readonly EnvironmentCheck[] = [checkSchemas, checkPolicy, checkConfigMapSecrets];

/** The checks for a repository with its own exemption annotations. */
export function environmentChecks(context: PolicyContext = {}): readonly EnvironmentCheck[] {
  if (!context.annotationPrefix) return ENVIRONMENT_CHECKS;
  const rules = policyRules(context);
  return [checkSchemas, (env) => policyFindings(env, rules), checkConfigMapSecrets];
}

export function runChecks(env: Environment, checks: readonly EnvironmentCheck[] = ENVIRONMENT_CHECKS): Finding[] {
  return checks.flatMap((check) => check(env));
}

export { checkConfigMapSecrets, checkPolicy, checkSchemas, policyFindings };
