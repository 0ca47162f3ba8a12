// Every per-environment check, in one list: adding a check is adding a line here.
import type { Environment, Finding } from '../model.ts';
import { checkNetworkPolicies } from './network.ts';
import { checkSchemas } from './schema.ts';
import { checkSecrets } from './secrets.ts';
import { checkWorkloads } from './workloads.ts';

export type EnvironmentCheck = (env: Environment) => Finding[];

export const ENVIRONMENT_CHECKS: readonly EnvironmentCheck[] = [checkSchemas, checkSecrets, checkWorkloads, checkNetworkPolicies];

export function runChecks(env: Environment, checks: readonly EnvironmentCheck[] = ENVIRONMENT_CHECKS): Finding[] {
  return checks.flatMap((check) => check(env));
}

export { checkNetworkPolicies, checkSchemas, checkSecrets, checkWorkloads };
