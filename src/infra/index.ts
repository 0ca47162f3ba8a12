// The public API of src/infra: load the model, read its types, format its findings.
export * from './model.ts';
export * from './workloads.ts';
export { loadModel, resolveManifestsRoot, gitRoot, MANIFESTS_ENV, type LoadOptions, type LoadedModel } from './load.ts';
export { environmentFromYaml, modelFromDocuments, modelFromYaml, sourcesFromYaml, type EnvironmentSource, type ModelOptions, type YamlFile } from './core.ts';
export { parseManifest, type ParsedDocument, type ParseResult } from './parse.ts';
export { parseImage, shortImageName, type ImageRef } from './images.ts';
export { parseCpu, parseMemory, parseQuantity, formatCpu, formatMemory } from './quantities.ts';
export { formatFinding, formatLocation, hasErrors, sortFindings, distinctFindings, groupByFile, countBySeverity } from './findings.ts';
export { formatReport, jsonReport, summaryLine } from './report.ts';
export { checkManifestsForBuild, ManifestCheckError, ALLOW_ERRORS_ENV } from './gate.ts';
export { helmComponents, notableValues } from './helm.ts';
export { ENVIRONMENT_CHECKS, environmentChecks, runChecks, type EnvironmentCheck } from './checks/index.ts';
export { applySeverities, FINDING_CODE, ruleIds, type SeverityOverride, type SeverityOverrides } from './severities.ts';
export { DEFAULT_ANNOTATION_PREFIX } from './policy/index.ts';
