// Kubernetes labels and selectors: whether a set of labels matches a selector, and a selector written for a reader.
import { asRecord, asRecords, asString } from './fields.ts';

/** A plain label map (Service selector): every pair must be present. An empty map selects nothing here. */
export function matchesLabelMap(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === String(v));
}

/** A metav1.LabelSelector (matchLabels + matchExpressions). An empty selector selects everything. */
export function matchesLabelSelector(selector: Record<string, unknown>, labels: Record<string, string>): boolean {
  const matchLabels = (asRecord(selector.matchLabels) ?? {}) as Record<string, string>;
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === String(v))) return false;
  return asRecords(selector.matchExpressions).every((expr) => {
    const key = asString(expr.key) ?? '';
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr.operator) {
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

export function labelMapText(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function labelSelectorText(selector: Record<string, unknown>): string {
  const parts = Object.entries((asRecord(selector.matchLabels) ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  for (const expr of asRecords(selector.matchExpressions)) {
    const values = Array.isArray(expr.values) ? expr.values.map(String).join(', ') : '';
    const key = asString(expr.key) ?? '?';
    if (expr.operator === 'In') parts.push(`${key} ∈ {${values}}`);
    else if (expr.operator === 'NotIn') parts.push(`${key} ∉ {${values}}`);
    else if (expr.operator === 'Exists') parts.push(key);
    else if (expr.operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(', ');
}
