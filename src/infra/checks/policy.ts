// The one bridge between the platform rules (plain objects, src/infra/policy) and the model: every violation becomes
// a finding with the rule's code, severity and hint, located at the file and line of the object it is about.
import { resourceKey, type Environment, type Finding, type KubeObject, type Resource } from '../model.ts';
import { POLICY_RULES, type ObjectRef, type PolicyRule, type PolicyViolation } from '../policy/index.ts';

/**
 * The object as the cluster receives it: with the namespace the deploying tool gives it (a Flux targetNamespace,
 * `default`…), so that rules reasoning per namespace see what the model sees.
 */
function asDeployed(resource: Resource): KubeObject {
  const { object, id } = resource;
  if (object.metadata?.namespace === id.namespace) return object;
  const { namespace: _written, ...metadata } = object.metadata ?? {};
  return { ...object, metadata: id.namespace === undefined ? metadata : { ...metadata, namespace: id.namespace } };
}

function find(env: Environment, ref: ObjectRef | undefined): Resource | undefined {
  return ref ? env.byKey.get(resourceKey({ env: env.name, ...ref })) : undefined;
}

function toFinding(env: Environment, rule: PolicyRule, v: PolicyViolation): Finding {
  const anchor = find(env, v) ?? find(env, v.seenIn);
  const finding: Finding = { code: rule.code, severity: rule.severity, message: v.message, hint: rule.hint, env: env.name };
  if (anchor) {
    finding.location = anchor.source;
    finding.resource = anchor.key;
  }
  return finding;
}

/** Findings of `rules` (default: all of them) over one environment. */
export function policyFindings(env: Environment, rules: readonly PolicyRule[] = POLICY_RULES): Finding[] {
  // The platform rules judge manifests as written: a deduced object's chart sets what its values leave out.
  const objects = env.resources.filter((r) => !r.deduced).map(asDeployed);
  return rules.flatMap((rule) => rule.check(objects).map((v) => toFinding(env, rule, v)));
}

export function checkPolicy(env: Environment): Finding[] {
  return policyFindings(env);
}
