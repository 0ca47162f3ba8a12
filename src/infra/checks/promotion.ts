// Versions production runs without staging having run them (policy/promotion.ts), over the comparison pair the
// repository configures: one warning per image or chart, located at the line that sets production's version (its
// overlay's `images` entry, a patch, the manifest), in French with what to do next.
import { compareEnvironmentPair, traceDifference } from '../compare/index.ts';
import type { Finding, Model } from '../model.ts';
import { PROMOTION_RULE } from '../policy/promotion.ts';

export function promotionFindings(model: Model, pair: readonly [string, string]): Finding[] {
  const [left, right] = pair;
  const comparison = compareEnvironmentPair(model, left, right);
  if (!comparison || left === right) return [];
  const findings: Finding[] = [];
  for (const resourcePair of comparison.pairs) {
    const resource = resourcePair.right;
    if (!resource || !resourcePair.left) continue;
    for (const difference of resourcePair.differences) {
      if ((difference.type !== 'image' && difference.type !== 'chart') || difference.version.order !== 'right-ahead') continue;
      const what =
        difference.type === 'image'
          ? `l’image ${difference.right} (conteneur « ${difference.container} »)`
          : `le chart ${difference.chart} en version ${difference.right}`;
      const where = `${resource.id.kind} ${resource.id.namespace ? `${resource.id.namespace}/` : ''}${resource.id.name}`;
      const trace = traceDifference(model, comparison, resourcePair, difference);
      const location = trace.right[0] ?? trace.left[0];
      findings.push({
        code: PROMOTION_RULE.code,
        severity: PROMOTION_RULE.severity,
        message: `${where} : ${right} fait tourner ${what}, plus récente que ${left} (${difference.left}) — cette version n’a pas été essayée en ${left}.`,
        hint: `Faites-la d’abord passer par ${left} (son overlay), puis reportez-la en ${right} ; ou ramenez ${right} à la version de ${left}.`,
        location: location ? { path: location.path, line: location.line } : resource.source,
        env: right,
        resource: resource.key,
      });
    }
  }
  return findings;
}
