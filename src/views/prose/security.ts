// The security context of every workload, and the exemptions its manifest declares.
import type { Model } from '../../infra/model.ts';
import { EXEMPTION_ANNOTATIONS, type exemptionAnnotations } from '../../infra/policy/types.ts';
import { containersOf, isWorkload, podTemplateOf } from '../../infra/workloads.ts';
import { asRecord, asString } from '../../infra/fields.ts';
import { compareText, envContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface SecurityRow {
  resource: ResourceLink;
  namespace?: string;
  containers: number;
  nonRoot: boolean;
  readOnlyRoot: boolean;
  noPrivilegeEscalation: boolean;
  capabilitiesDropped: boolean;
  seccomp: boolean;
  /** Exemptions declared by annotation, with the reason written in the manifest. */
  exemptions: { annotation: string; reason: string }[];
  source: SourceLink;
}

function every<T>(items: T[], test: (item: T) => boolean): boolean {
  return items.length > 0 && items.every(test);
}

/** The security context of every workload: what its containers are allowed to do, and the declared exceptions. */
export function securityRows(model: Model, envName: string, exemptions: ReturnType<typeof exemptionAnnotations> = EXEMPTION_ANNOTATIONS): SecurityRow[] {
  const ctx = envContext(model, envName);
  const exemptionNames = new Set<string>(Object.values(exemptions));
  return ctx.env.resources
    .filter(isWorkload)
    .map((w) => {
      const spec = podTemplateOf(w.object)!.spec;
      const pod = spec.securityContext ?? {};
      const containers = [...containersOf(spec), ...(spec.initContainers ?? [])];
      const sc = (c: { securityContext?: Record<string, unknown> }) => c.securityContext ?? {};
      const drops = (c: { securityContext?: Record<string, unknown> }) => {
        const drop = asRecord(sc(c).capabilities)?.drop;
        return Array.isArray(drop) && drop.map(String).includes('ALL');
      };
      const podNonRoot = pod.runAsNonRoot === true;
      const podSeccomp = asString(asRecord(pod.seccompProfile)?.type);
      return {
        resource: resourceLink(ctx, w.key),
        ...(w.id.namespace ? { namespace: w.id.namespace } : {}),
        containers: containers.length,
        nonRoot: every(containers, (c) => (sc(c).runAsNonRoot ?? podNonRoot) === true),
        readOnlyRoot: every(containers, (c) => sc(c).readOnlyRootFilesystem === true),
        noPrivilegeEscalation: every(containers, (c) => sc(c).allowPrivilegeEscalation === false),
        capabilitiesDropped: every(containers, drops),
        seccomp: every(containers, (c) => (asString(asRecord(sc(c).seccompProfile)?.type) ?? podSeccomp) !== undefined),
        exemptions: Object.entries(w.annotations)
          .filter(([k]) => exemptionNames.has(k))
          .sort(([a], [b]) => compareText(a, b))
          .map(([annotation, reason]) => ({ annotation, reason: String(reason) })),
        source: sourceLink(w.source),
      };
    });
}
