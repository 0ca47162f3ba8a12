// A how-to whose names come from the manifests: the k8up Restore of a backed-up volume.
import { stringify } from 'yaml';
import { isBackedUpByK8up, K8UP, k8upBackend, resourcesOfKind, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { ProseError, resolveResource } from './resolve.ts';

export interface VolumeRestore {
  claim: ResourceLink;
  schedule: ResourceLink;
  yaml: string;
}

/** A k8up Restore of a backed-up volume, with the backend (bucket, credentials) of the Schedule that saves it. */
export function volumeRestore(model: Model, query: { namespace: string; name: string; env?: string }): VolumeRestore {
  const element = `<VolumeRestore namespace="${query.namespace}" name="${query.name}" />`;
  const claim = resolveResource(element, model, { ...query, kinds: ['PersistentVolumeClaim'] });
  const ctx = envContext(model, claim.id.env);
  const schedule = isBackedUpByK8up(claim) ? resourcesOfKind(ctx.env, 'Schedule', [K8UP]).find((s) => s.id.namespace === claim.id.namespace) : undefined;
  if (!schedule) throw new ProseError(element, `le volume ${claim.id.name} n’est sauvegardé par aucun planning k8up (annotation k8up.io/backup et Schedule dans ${claim.id.namespace})`, `Annotez le PVC k8up.io/backup: "true" et déclarez un Schedule k8up dans ${claim.id.namespace}, ou citez un volume sauvegardé.`);
  const manifest = {
    apiVersion: schedule.apiVersion,
    kind: 'Restore',
    metadata: { name: `restore-${claim.id.name}`, namespace: claim.id.namespace },
    spec: {
      restoreMethod: { folder: { claimName: claim.id.name } },
      backend: k8upBackend(schedule.object),
    },
  };
  return { claim: resourceLink(ctx, claim.key), schedule: resourceLink(ctx, schedule.key), yaml: stringify(manifest, { lineWidth: 0 }) };
}
