// The public API of src/infra: the only module views, components, the site, the renderer, the scripts and the tests
// import (tests/architecture/layers.test.ts holds that, and that every name here has a client). Load the model, read
// its types and the facts the kind parsers compute, ask the kind registry what a kind is, check, compare with a
// cluster, format findings. What is not named here is internal to src/infra.

// The model: its types, identities and order.
export {
  compareRelations,
  compareText,
  locationOf,
  resourceKey,
  resourcesOfKind,
  type Environment,
  type ExternalSourceUse,
  type RemoteApply,
  type FieldPath,
  type Finding,
  type HelmComponent,
  type KubeObject,
  type Model,
  type Relation,
  type RelationType,
  type Resource,
  type ResourceId,
  type Severity,
  type SourceLocation,
} from './model.ts';

// Loading: from disk, or from YAML strings (fixtures).
export { loadModel, gitRoot, MANIFESTS_ENV, resolveManifestsRoot, type LoadedModel, type LoadOptions } from './load.ts';
export { environmentFromYaml, modelFromDocuments, modelFromYaml, type YamlFile } from './core.ts';
export { parseManifest } from './parse.ts';
// Untyped manifest fields, for scripts that write manifests (fixtures, exports); views read facts, not fields.
export { asRecord, asRecords, asString } from './fields.ts';

// What a kind is: the registry, one entry per API group and kind.
export { KINDS, kindEntry, kindLabel, nodeClassOf, nodeShapeOf, redactObject, type KindId } from './kinds/registry.ts';
export type { DataRole, NodeClass, NodeShape } from './kinds/entry.ts';

// Facts, each read by the parser its kind's entry names (readers.ts), or by the parser of one kind family.
export {
  backupDestinationOf,
  definedKindOf,
  deploysOf,
  generatedArtifactsOf,
  imageSlotsOf,
  isWorkload,
  podsOf,
  podTemplateOf,
  routeOf,
  schedulesOf,
  storageOf,
  workloadOf,
} from './kinds/readers.ts';
export {
  exemptionAnnotations,
  exemptionsOf,
  type Container,
  type Exemption,
  type Pods,
  type Replicas,
} from './kinds/workloads.ts';
export type { ScheduledTask } from './kinds/schedules.ts';
export { endpointsOf, publicHosts, type Endpoint } from './endpoints.ts';
export { serviceOf } from './kinds/services.ts';
export { claimOf, claimTemplatesOf } from './kinds/storage.ts';
export { BARMAN_CLOUD, CNPG, databaseClusterOf } from './kinds/postgres.ts';
export { isBackedUpByK8up, K8UP, k8upBackend } from './kinds/backups.ts';
export { CERT_MANAGER, issuerOf } from './kinds/certificates.ts';
export { sealedKeys } from './kinds/secrets.ts';
export { NETWORKING, networkPolicyOf, selectedNamespaces, type NetworkPolicyRule, type Peer } from './kinds/network-policies.ts';
export { FLUX_KUSTOMIZE, fluxKustomizationOf, fluxSourceOf } from './kinds/flux.ts';
export { alertsOf } from './kinds/monitoring.ts';
export { releaseRole } from './kinds/helm-charts/roles.ts';
export { nodeCapacity } from './kinds/capacity.ts';
export { parseImage, shortImageName } from './images.ts';
export { parseCpu, parseMemory, formatCpu, formatMemory } from './quantities.ts';

// French wording shared with the views.
export { joinFrench, plural } from './french.ts';

// Findings, reports and the build gate; severities a repository sets for itself (ffe.config.ts `rules`).
export { formatFinding, hasErrors, distinctFindings, countBySeverity, SEVERITY_LABEL } from './findings.ts';
export { formatReport, jsonReport, summaryLine } from './report.ts';
export { terminalSafe, terminalSafeJson } from './terminal.ts';
export { MASKED } from './secret-mask.ts';
export { checkManifestsForBuild, ManifestCheckError, ALLOW_ERRORS_ENV } from './gate.ts';
export { DocumentationError } from './errors.ts';
export { FINDING_CODE, ruleIds } from './severities.ts';
export { ruleCategory } from './rule-categories.ts';
export { failureCause } from './kustomize.ts';
// The checks: the platform rules over plain objects, the schema check alone, all of them for an annotation prefix.
export { evaluatePolicy, PAIR_RULES, POLICY_RULES } from './policy/index.ts';
export type { PolicyRule } from './policy/types.ts';
export { checkSchemas, environmentChecks } from './checks/index.ts';
export { MODEL_PACKAGES } from './checks/schema.ts';

// Git ↔ cluster: read an export, compare it with an environment, report.
export { compareWithSnapshot, type Drift, type DriftReport, type DriftType } from './drift/compare.ts';
export { IGNORE_RULES } from './drift/ignore.ts';
export { releaseInstalledBy } from './drift/facts.ts';
export { DriftInputError, readSnapshot, shownPath, snapshotTargets } from './drift/load.ts';
export { differenceCountText, driftJson, formatDriftReport, formatSnapshotDate, kindText } from './drift/report.ts';
export { parseSnapshot, type Snapshot } from './drift/snapshot.ts';

// Two environments compared: paired by identity, versions ordered, each difference traced to its overlay line.
export { compareEnvironmentPair, compareOverlayLines, traceDifference, traceInclusion } from './compare/index.ts';
export { compareChartVersions, compareImages, compareTags, type VersionComparison } from './compare/versions.ts';
export type { PairComparison, PairDifference, ResourcePair } from './compare/pairs.ts';
export type { OverlayLine, OverlayLineKind } from './compare/overlay-file.ts';

// The infrastructure's history from Git: each commit's state, compared with the one before (journal, npm run diff).
export { compareStates, hasChanges, type ChangeType, type EnvironmentChanges, type ObjectChange } from './history/compare.ts';
export { DiffInputError, diffAgainst } from './history/diff.ts';
export type { Unavailable, Window } from './history/git.ts';
export { DEFAULT_MAX_COMMITS, readHistory, type History, type JournalEntry } from './history/journal.ts';
export { comparisonMarkdown, diffJson, diffMarkdown } from './history/report.ts';
export { stateOf, type StateFinding } from './history/state.ts';
export type { HistoryLoadOptions } from './history/store.ts';
