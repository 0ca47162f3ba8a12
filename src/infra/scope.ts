// Which kinds are cluster-scoped: a resource's namespace is part of its identity, so this must be right before keys
// are computed. Custom resources declare their scope in their CustomResourceDefinition, read from the same environment.
import { asRecord } from './fields.ts';
import { apiGroupOf, type KubeObject } from './model.ts';

const BUILTIN_CLUSTER_SCOPED = new Set(
  [
    '/Namespace',
    '/Node',
    '/PersistentVolume',
    '/ComponentStatus',
    'rbac.authorization.k8s.io/ClusterRole',
    'rbac.authorization.k8s.io/ClusterRoleBinding',
    'storage.k8s.io/StorageClass',
    'storage.k8s.io/CSIDriver',
    'storage.k8s.io/CSINode',
    'storage.k8s.io/VolumeAttachment',
    'apiextensions.k8s.io/CustomResourceDefinition',
    'apiregistration.k8s.io/APIService',
    'admissionregistration.k8s.io/MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
    'networking.k8s.io/IngressClass',
    'networking.k8s.io/IPAddress',
    'networking.k8s.io/ServiceCIDR',
    'scheduling.k8s.io/PriorityClass',
    'node.k8s.io/RuntimeClass',
    'certificates.k8s.io/CertificateSigningRequest',
    'flowcontrol.apiserver.k8s.io/FlowSchema',
    'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
    'cert-manager.io/ClusterIssuer',
    'gateway.networking.k8s.io/GatewayClass',
    'snapshot.storage.k8s.io/VolumeSnapshotClass',
    'snapshot.storage.k8s.io/VolumeSnapshotContent',
    'external-secrets.io/ClusterSecretStore',
    'external-secrets.io/ClusterExternalSecret',
    'kyverno.io/ClusterPolicy',
  ],
);

export type ScopeResolver = (group: string, kind: string) => boolean;

/** `isClusterScoped(group, kind)` knowing the built-in kinds and the CRDs among `objects`. */
export function scopeResolver(objects: Iterable<KubeObject>): ScopeResolver {
  const fromCrds = new Map<string, boolean>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition' || apiGroupOf(object.apiVersion ?? '') !== 'apiextensions.k8s.io') continue;
    const spec = asRecord(object.spec);
    const kind = asRecord(spec?.names)?.kind;
    if (typeof spec?.group === 'string' && typeof kind === 'string') fromCrds.set(`${spec.group}/${kind}`, spec.scope === 'Cluster');
  }
  return (group, kind) => fromCrds.get(`${group}/${kind}`) ?? BUILTIN_CLUSTER_SCOPED.has(`${group}/${kind}`);
}
