import type { KubeObject } from '../model.ts';

/** One broken rule on one object. `message` is French: the site and `npm run check` show it as is. */
export interface PolicyViolation {
  rule: string;
  kind: string;
  namespace?: string;
  name: string;
  message: string;
}

/** A platform rule: pure, evaluated over every rendered object of one environment at once. */
export interface PolicyRule {
  /** Stable identifier, used in finding codes and page anchors. */
  id: string;
  /** French, short: shown as a heading. */
  title: string;
  /** French: why the rule exists and what satisfies it. */
  description: string;
  check(objects: KubeObject[]): PolicyViolation[];
}

/** Annotations through which a workload declares a reasoned exception to a rule (value = the reason, in French). */
export const EXEMPTION_ANNOTATIONS = {
  allowRoot: 'policy.ffe.fr/allow-root',
  writableRootFilesystem: 'policy.ffe.fr/writable-root-filesystem',
} as const;
