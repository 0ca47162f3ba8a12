// Volume claims: what a PersistentVolumeClaim, or a StatefulSet's claim template, asks for — and, for the registry's
// `storage` slot, the volumes any kind asks for with their sizes (the Git ↔ cluster comparison reads those).
import type { FieldPath, KubeObject } from '../model.ts';
import { Field } from './located.ts';

export interface Claim {
  /** `resources.requests.storage`, as written (`5Gi`). */
  size?: string;
  storageClass?: string;
  accessModes: string[];
  at: { size: FieldPath };
}

/** A claim's spec: a PersistentVolumeClaim's, or a claim template's. */
function claimAt(spec: Field): Claim {
  const size = spec.at('resources', 'requests', 'storage');
  const storageClass = spec.at('storageClassName').string();
  const accessModes = spec.at('accessModes').value;
  return {
    ...(size.string() ? { size: size.string() } : {}),
    ...(storageClass ? { storageClass } : {}),
    accessModes: Array.isArray(accessModes) ? accessModes.map(String) : [],
    at: { size: size.path },
  };
}

/** What a PersistentVolumeClaim asks for. */
export function claimOf(claim: KubeObject): Claim {
  return claimAt(Field.of(claim).at('spec'));
}

export interface ClaimTemplate extends Claim {
  /** The template's name: each replica's claim is named `<name>-<statefulset>-<ordinal>`. */
  name: string;
}

/** The volumeClaimTemplates of a StatefulSet (templates without a name are skipped: they make no claim). */
export function claimTemplatesOf(statefulSet: KubeObject): ClaimTemplate[] {
  return Field.of(statefulSet)
    .at('spec', 'volumeClaimTemplates')
    .records()
    .flatMap((template) => {
      const name = template.at('metadata', 'name').string();
      return name ? [{ name, ...claimAt(template.at('spec')) }] : [];
    });
}

/** A volume an object asks for (the registry's `storage` parsers list an object's main volume first), and its size. */
export interface StorageRequest {
  /** Which of the object's volumes (a claim template's name, `data`…); absent for the object's only one. */
  volume?: string;
  /** French, what the volume is, when its name does not say it: « volume de données ». */
  title?: string;
  size: string;
  storageClass?: string;
  at: { size: FieldPath };
}

const sized = (claim: Claim, volume?: string): StorageRequest[] =>
  claim.size ? [{ ...(volume ? { volume } : {}), size: claim.size, ...(claim.storageClass ? { storageClass: claim.storageClass } : {}), at: claim.at }] : [];

/** The registry's `storage` parser of a PersistentVolumeClaim. */
export const claimStorage = (claim: KubeObject): StorageRequest[] => sized(claimOf(claim));

/** The registry's `storage` parser of a StatefulSet: one volume per claim template. */
export const claimTemplateStorage = (statefulSet: KubeObject): StorageRequest[] => claimTemplatesOf(statefulSet).flatMap((t) => sized(t, t.name));
