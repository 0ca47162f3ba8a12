// The security context of every workload, and the exemptions its manifest declares.
import { exemptionAnnotations, exemptionsOf, workloadOf, type Exemption, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface SecurityRow {
  resource: ResourceLink;
  namespace?: string;
  /** Containers and init containers, each counted once. */
  containers: number;
  nonRoot: boolean;
  readOnlyRoot: boolean;
  noPrivilegeEscalation: boolean;
  capabilitiesDropped: boolean;
  seccomp: boolean;
  /** Exemptions declared by annotation, with the reason written in the manifest. */
  exemptions: Exemption[];
  source: SourceLink;
}

function every<T>(items: T[], test: (item: T) => boolean): boolean {
  return items.length > 0 && items.every(test);
}

/**
 * The security context of every workload: what its containers are allowed to do, and the exceptions declared with
 * the repository's exemption annotations (`annotationPrefix`, FFE's by default).
 */
export function securityRows(model: Model, envName: string, annotationPrefix?: string): SecurityRow[] {
  const ctx = envContext(model, envName);
  const exemptions = exemptionAnnotations(annotationPrefix);
  return ctx.env.resources.flatMap((w) => {
    const workload = workloadOf(w.object);
    if (!workload) return [];
    const security = workload.containers.map((c) => c.security);
    return [
      {
        resource: resourceLink(ctx, w.key),
        ...(w.id.namespace ? { namespace: w.id.namespace } : {}),
        containers: security.length,
        nonRoot: every(security, (s) => s.runsAsNonRoot),
        readOnlyRoot: every(security, (s) => s.readOnlyRootFilesystem),
        noPrivilegeEscalation: every(security, (s) => s.noPrivilegeEscalation),
        capabilitiesDropped: every(security, (s) => s.dropsAllCapabilities),
        seccomp: every(security, (s) => s.seccomp),
        exemptions: exemptionsOf(w.object, exemptions),
        source: sourceLink(w.source),
      },
    ];
  });
}
