// Severities a repository sets for itself (option `rules` of the site): a Secret made by hand or by an operator the
// checks do not know is not an error for a fork that says so. A key is a platform rule id (`no-plaintext-secret`) or a
// finding code (`FFE-E-SECRET-MISSING`); `off` removes the finding. The code stays as it is, so that a finding can
// always be looked up.
import type { Finding, Severity } from './model.ts';
import { PAIR_RULES, POLICY_RULES } from './policy/index.ts';

export type SeverityOverride = Severity | 'off';
export type SeverityOverrides = Readonly<Record<string, SeverityOverride>>;

export const FINDING_CODE = /^FFE-[EWN]-[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

/** Platform rule ids, then the codes they report under: what a `rules` key may name besides any finding code. */
export function ruleIds(): string[] {
  return [...POLICY_RULES, ...PAIR_RULES].map((rule) => rule.id);
}

/** Finding code → override, from keys that are rule ids or codes. */
function byCode(overrides: SeverityOverrides): Map<string, SeverityOverride> {
  const out = new Map<string, SeverityOverride>();
  for (const [key, value] of Object.entries(overrides)) {
    const rule = [...POLICY_RULES, ...PAIR_RULES].find((r) => r.id === key);
    out.set(rule ? rule.code : key, value);
  }
  return out;
}

export function applySeverities(findings: readonly Finding[], overrides: SeverityOverrides | undefined): Finding[] {
  if (!overrides || Object.keys(overrides).length === 0) return [...findings];
  const codes = byCode(overrides);
  return findings.flatMap((finding) => {
    const override = codes.get(finding.code);
    if (!override) return [finding];
    if (override === 'off') return [];
    return [{ ...finding, severity: override }];
  });
}
