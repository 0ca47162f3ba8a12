// Volume claims: what a PersistentVolumeClaim, or a StatefulSet's claim template, asks for.
import { asRecord, asRecords, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';

export interface Claim {
  /** `resources.requests.storage`, as written (`5Gi`). */
  size?: string;
  storageClass?: string;
  accessModes: string[];
}

/** A PersistentVolumeClaim spec, or the spec of a claim template. */
export function claimOf(spec: unknown): Claim {
  const s = asRecord(spec) ?? {};
  const size = asString(asRecord(asRecord(s.resources)?.requests)?.storage);
  const storageClass = asString(s.storageClassName);
  return {
    ...(size ? { size } : {}),
    ...(storageClass ? { storageClass } : {}),
    accessModes: Array.isArray(s.accessModes) ? s.accessModes.map(String) : [],
  };
}

export interface ClaimTemplate extends Claim {
  /** The template's name: each replica's claim is named `<name>-<statefulset>-<ordinal>`. */
  name: string;
}

/** The volumeClaimTemplates of a StatefulSet (templates without a name are skipped: they make no claim). */
export function claimTemplatesOf(statefulSet: KubeObject): ClaimTemplate[] {
  return asRecords(asRecord(statefulSet.spec)?.volumeClaimTemplates).flatMap((template) => {
    const name = asString(asRecord(template.metadata)?.name);
    return name ? [{ name, ...claimOf(template.spec) }] : [];
  });
}
