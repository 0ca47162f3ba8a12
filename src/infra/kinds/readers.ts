// Reading any object through its kind's registry entry: what it runs, publishes, schedules, installs, stores, scales,
// deploys, reads and produces — each answer from the parser the entry names, with the fields it was read from. The
// relations, checks, views and the Git ↔ cluster comparison ask these questions of Git's resources and of a cluster's
// objects alike, so both are read the same way by construction.
//
// The registry imports the relation builders, which read other resources through this module: keep this module's
// top level free of registry calls (functions only), so that the registry may be evaluated after it.
import { type Environment, type FieldPath, type KubeObject, type Resource } from '../model.ts';
import type { GeneratedArtifact } from './artifacts.ts';
import type { Autoscaling } from './autoscalers.ts';
import type { CertificateFacts } from './certificates.ts';
import type { ChartInstall, InstalledRelease } from './charts.ts';
import type { CustomResourceDefinitionFacts } from './crds.ts';
import type { KindEntry } from './entry.ts';
import type { FolderDeploy } from './flux.ts';
import { Field } from './located.ts';
import { entryOfObject, kindEntry } from './registry.ts';
import type { Route } from './routes.ts';
import type { Schedule } from './schedules.ts';
import type { ProducedSecret, SecretReference } from './secret-references.ts';
import type { StorageRequest } from './storage.ts';
import { podTemplateAt, readWorkload, type PodTemplate, type Pods, type Workload } from './workloads.ts';

/** A resource of the model, or an object as written (a cluster export's, a fixture's). */
export type Readable = Resource | KubeObject;

function isResource(subject: Readable): subject is Resource {
  return 'key' in subject && 'id' in subject && 'object' in subject;
}

function objectOf(subject: Readable): KubeObject {
  return isResource(subject) ? subject.object : subject;
}

/** The registry entry of what is read. */
export function entryOf(subject: Readable): KindEntry | undefined {
  return isResource(subject) ? kindEntry(subject.id.group, subject.id.kind) : entryOfObject(subject);
}

/** Where an object is, for the readers that need it: the loader's namespace for a resource, as written otherwise. */
function namespaceOf(subject: Readable): string | undefined {
  if (isResource(subject)) return subject.id.namespace;
  const namespace = subject.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

// Workloads ------------------------------------------------------------------------------------------------------------

/** Everything an object says about the pods it runs, when its kind is a workload with a pod template. */
export function workloadOf(subject: Readable): Workload | undefined {
  const shape = entryOf(subject)?.workload;
  return shape && readWorkload(objectOf(subject), shape);
}

/** The pod template of an object of a workload kind. */
export function podTemplateOf(subject: Readable): PodTemplate | undefined {
  const shape = entryOf(subject)?.workload;
  return shape && podTemplateAt(objectOf(subject), shape);
}

export function isWorkload(resource: Resource): boolean {
  return podTemplateOf(resource) !== undefined;
}

/** What an object runs (containers, images, replicas): a workload's pods, or those an operator makes for it. */
export function podsOf(subject: Readable): Pods | undefined {
  const entry = entryOf(subject);
  if (entry?.workload) {
    const workload = readWorkload(objectOf(subject), entry.workload);
    return workload && { containers: workload.containers, replicas: workload.replicas };
  }
  return entry?.pods?.(objectOf(subject));
}

/** Whether pods run for it in its namespace: a workload, a kind whose operator runs pods (a database, backups). */
export function runsPods(subject: Readable): boolean {
  const entry = entryOf(subject);
  return entry?.runsPods === true || entry?.pods !== undefined || podTemplateOf(subject) !== undefined;
}

/** One image a resource runs: the container that runs it (init containers included) and the reference as written. */
export interface ImageSlot {
  container: string;
  image: string;
  init: boolean;
}

/** The images a resource runs, container by container: what the images table, the comparison and the pages show. */
export function imageSlotsOf(subject: Readable): ImageSlot[] {
  return (podsOf(subject)?.containers ?? []).flatMap((c) => (c.image ? [{ container: c.name ?? '', image: c.image, init: c.init }] : []));
}

// What else a kind's parsers say ---------------------------------------------------------------------------------------

/** What a route publishes, when its kind is a route kind. */
export function routeOf(subject: Readable): Route | undefined {
  return entryOf(subject)?.route?.(objectOf(subject), namespaceOf(subject));
}

/** When it runs, when its kind runs on a schedule. */
export function schedulesOf(subject: Readable): Schedule[] {
  return entryOf(subject)?.schedules?.(objectOf(subject)) ?? [];
}

/** Where it sends backups out of the cluster, when its kind does. */
export function backupDestinationOf(subject: Readable): string | undefined {
  return entryOf(subject)?.backupDestination?.(objectOf(subject));
}

/** The volumes it asks for, with their sizes. */
export function storageOf(subject: Readable): StorageRequest[] {
  return entryOf(subject)?.storage?.(objectOf(subject)) ?? [];
}

/** The Helm charts it installs or configures. */
export function chartsOf(subject: Readable): ChartInstall[] {
  return entryOf(subject)?.charts?.(objectOf(subject)) ?? [];
}

/** The Helm release it installs in the cluster. */
export function releaseOf(subject: Readable): InstalledRelease | undefined {
  return entryOf(subject)?.release?.(objectOf(subject));
}

/** The workload it sets the replicas of, when it is an autoscaler. */
export function scaleTargetOf(subject: Readable): Autoscaling | undefined {
  return entryOf(subject)?.scaleTarget?.(objectOf(subject));
}

/** The certificate it requests, when it is a certificate request. */
export function requestedCertificateOf(subject: Readable): CertificateFacts | undefined {
  return entryOf(subject)?.certificate?.(objectOf(subject));
}

/** The kind it defines, when it is a CustomResourceDefinition. */
export function definedKindOf(subject: Readable): CustomResourceDefinitionFacts | undefined {
  return entryOf(subject)?.definesKind?.(objectOf(subject));
}

/** The folders of a Git repository it deploys. */
export function deploysOf(subject: Readable): FolderDeploy[] {
  return entryOf(subject)?.deploys?.(objectOf(subject)) ?? [];
}

/** The ExternalArtifacts it assembles from other sources. */
export function generatedArtifactsOf(subject: Readable): GeneratedArtifact[] {
  return entryOf(subject)?.artifacts?.(objectOf(subject)) ?? [];
}

/** Whether it is suspended, for a kind that can be (`spec.suspend`), and where that is written. */
export function suspensionOf(subject: Readable): { suspended: boolean; at: FieldPath } | undefined {
  if (!entryOf(subject)?.suspendable) return undefined;
  const suspend = Field.of(objectOf(subject)).at('spec', 'suspend');
  return { suspended: suspend.value === true, at: suspend.path };
}

/** The Secrets and ConfigMaps its operator reads; unqualified names are looked up in `namespace`. */
export function secretReferencesOf(resource: Resource, namespace = resource.id.namespace): SecretReference[] {
  return entryOf(resource)?.secretReferences?.(resource.object, namespace) ?? [];
}

/** The Secrets it makes exist in the cluster without them being written. */
export function producedSecretsOf(resource: Resource, env: Environment): ProducedSecret[] {
  return entryOf(resource)?.producesSecrets?.(resource, env) ?? [];
}
