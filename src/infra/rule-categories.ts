// House rules versus breakage. Every rule says which it is: a platform rule carries its category, and the findings of
// the relations and checks that enforce one of FFE's conventions are listed here; anything else breaks in the cluster.
// On a repository that has not adopted FFE's conventions (`conventions: 'none'`, the default when FFE_MANIFESTS points
// elsewhere), a convention is a note: true, worth knowing, never an error of that repository.
import type { Finding } from './model.ts';
import { PAIR_RULES, POLICY_RULES } from './policy/index.ts';
import type { RuleCategory } from './policy/types.ts';

export type { RuleCategory } from './policy/types.ts';

/** Whether FFE's conventions are enforced (`ffe`) or only noted (`none`). */
export type Conventions = 'ffe' | 'none';

/**
 * Findings outside the platform rules that enforce a convention: FFE keeps every Secret in Git, sealed (a Secret
 * made elsewhere — by hand, by an operator, a bootstrap's kubeconfig — is a deliberate choice elsewhere). A secret in
 * clear (a plaintext Secret, a key in a ConfigMap) is a leak anywhere: not a convention.
 */
const CONVENTION_CODES: ReadonlySet<string> = new Set(['FFE-E-SECRET-MISSING']);

/** The category of a finding code: a platform rule's own, else `convention` for the codes above, else `breakage`. */
export function ruleCategory(code: string): RuleCategory {
  const rule = [...POLICY_RULES, ...PAIR_RULES].find((r) => r.code === code);
  if (rule) return rule.category;
  return CONVENTION_CODES.has(code) ? 'convention' : 'breakage';
}

/** The findings as a repository's conventions ask: with `none`, a convention's error or warning is a note. */
export function applyConventions(findings: readonly Finding[], conventions: Conventions = 'ffe'): Finding[] {
  if (conventions === 'ffe') return [...findings];
  return findings.map((finding) =>
    finding.severity === 'notice' || ruleCategory(finding.code) !== 'convention'
      ? finding
      : { ...finding, severity: 'notice', hint: `Règle de convention, pas une panne : ce dépôt ne l’a pas adoptée, elle est seulement notée (option conventions). ${finding.hint ?? ''}`.trim() },
  );
}
