import type { KubeObject, Severity } from '../model.ts';

/**
 * `breakage`: what fails in the cluster (a dangling reference, a port mismatch, an invalid object) or leaks a secret
 * (in clear in Git); `convention`: what FFE requires of itself (every Secret sealed in Git, labels, security context,
 * pinned images…), which another repository may rightly not follow.
 */
export type RuleCategory = 'breakage' | 'convention';

/** Enough to find an object among the manifests: its API group ('' for core), kind, namespace and name. */
export interface ObjectRef {
  group: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
}

/** One broken rule on one object. `message` is French: the site and `npm run check` show it as is. */
export interface PolicyViolation extends ObjectRef {
  rule: string;
  message: string;
  /**
   * An object written in the manifests where the problem shows, for subjects that may exist only implicitly
   * (a namespace nobody declares): the finding is located there when the subject is not found.
   */
  seenIn?: ObjectRef;
}

/** A platform rule: pure, evaluated over every rendered object of one environment at once. */
export interface PolicyRule {
  /** Stable identifier, used in page anchors and test fixtures. */
  id: string;
  /** Stable finding code (FFE-E-… error, FFE-W-… warning, FFE-N-… notice): `npm run check` shows it. */
  code: string;
  severity: Severity;
  /** Whether it catches what breaks in the cluster, or enforces FFE's own conventions (notes on other repositories). */
  category: RuleCategory;
  /** French, short: shown as a heading. */
  title: string;
  /** French: why the rule exists and what satisfies it. */
  description: string;
  /** French: what to do next, shown under every violation. */
  hint: string;
  check(objects: KubeObject[]): PolicyViolation[];
}

/** What the rules need to know about the repository they check. */
export interface PolicyContext {
  /** Prefix of the exemption annotations (`<prefix>/allow-root`). Default: DEFAULT_ANNOTATION_PREFIX (kinds/workloads.ts). */
  annotationPrefix?: string;
}
