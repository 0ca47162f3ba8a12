// The public API of src/infra: the only module views, components, the site, the renderer and the scripts import
// (tests/architecture/layers.test.ts holds that). Load the model, read its types and the facts its parsers compute,
// ask the kind registry what a kind is, format findings. What is not exported here is internal to src/infra.

// The model, its identities and its order.
export * from './model.ts';
// Untyped manifest fields, for scripts that write manifests (fixtures, exports); views read facts, not fields.
export { asRecord, asRecords, asString } from './fields.ts';
export { loadModel, resolveManifestsRoot, gitRoot, MANIFESTS_ENV, type LoadOptions, type LoadedModel } from './load.ts';
export { environmentFromYaml, modelFromDocuments, modelFromYaml, sourcesFromYaml, type EnvironmentSource, type ModelOptions, type YamlFile } from './core.ts';
export { parseManifest, type ParsedDocument, type ParseResult } from './parse.ts';

// What a kind is: the registry.
export {
  KINDS,
  kindEntry,
  kindLabel,
  nodeClassOf,
  nodeShapeOf,
  podsOf,
  routeOf,
  schedulesOf,
  backupDestinationOf,
  imageSlotsOf,
  redactObject,
} from './kinds/registry.ts';
export type { BuiltIn, KindEntry, NodeClass, NodeShape } from './kinds/entry.ts';
export type { ImageSlot, KindId } from './kinds/registry.ts';

// Facts, one parser per kind family.
export {
  DEFAULT_ANNOTATION_PREFIX,
  exemptionAnnotations,
  exemptionsOf,
  isWorkload,
  podTemplateOf,
  workloadOf,
  type Container,
  type ContainerPort,
  type ContainerSecurity,
  type Exemption,
  type ExemptionAnnotations,
  type Pods,
  type Replicas,
  type Workload,
  type WorkloadContainer,
} from './kinds/workloads.ts';
export type { HostPath, Route, RouteRule, RouteTls, ServiceBackend } from './kinds/routes.ts';
export { endpointsOf, publicHosts, type Endpoint } from './endpoints.ts';
export { serviceOf, type ServiceFacts, type ServicePort } from './kinds/services.ts';
export { claimOf, claimTemplatesOf, type Claim, type ClaimTemplate } from './kinds/storage.ts';
export { BARMAN_CLOUD, CNPG, databaseClusterOf, type DatabaseCluster } from './kinds/postgres.ts';
export { isBackedUpByK8up, K8UP, k8upBackend } from './kinds/backups.ts';
export type { Schedule, ScheduledTask } from './kinds/schedules.ts';
export { CERT_MANAGER, issuerOf, type IssuerFacts, type IssuerRef } from './kinds/certificates.ts';
export { sealedKeys } from './kinds/secrets.ts';
export { NETWORKING, networkPolicyOf, selectedNamespaces, type NetworkPolicyFacts, type Peer, type PolicyPort, type PolicyRule } from './kinds/network-policies.ts';
export { FLUX_KUSTOMIZE, fluxKustomizationOf, fluxSourceOf } from './kinds/flux.ts';
export { alertsOf, type Alert } from './kinds/monitoring.ts';
export { nodeCapacity, type NodeCapacity } from './kinds/capacity.ts';
export { parseImage, shortImageName, type ImageRef } from './images.ts';
export { parseCpu, parseMemory, parseQuantity, formatCpu, formatMemory } from './quantities.ts';

// Relations between resources.
export { producerOf, relationsFrom, relationsTo } from './relations/index.ts';

// French wording shared with the views.
export { joinFrench, plural } from './french.ts';

// Findings, reports and the build gate; severities a repository sets for itself (ffe.config.ts `rules`).
export { formatFinding, formatLocation, hasErrors, sortFindings, distinctFindings, groupByFile, countBySeverity, SEVERITY_LABEL } from './findings.ts';
export { formatReport, jsonReport, summaryLine } from './report.ts';
export { terminalSafe, terminalSafeJson } from './terminal.ts';
export { MASKED } from './secret-mask.ts';
export { checkManifestsForBuild, ManifestCheckError, ALLOW_ERRORS_ENV } from './gate.ts';
export { DocumentationError } from './errors.ts';
export { ENVIRONMENT_CHECKS, runChecks, type EnvironmentCheck } from './checks/index.ts';
export { FINDING_CODE, ruleIds, type SeverityOverride, type SeverityOverrides } from './severities.ts';
export * from './drift/index.ts';

// Two environments compared: paired by identity, versions ordered, each difference traced to its overlay line.
export * from './compare/index.ts';

// The infrastructure's history from Git: each commit's state, compared with the one before (journal, npm run diff).
export * from './history/index.ts';
