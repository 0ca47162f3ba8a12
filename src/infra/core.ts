// The pure half of loading: parsed documents (or YAML strings) → Model. No file system, no kustomize, no git.
// Tests and other modules build fixture models from YAML strings with `environmentFromYaml` / `modelFromYaml`.
import { buildEnvironment, type EnvironmentDocument } from './build.ts';
import { ENVIRONMENT_CHECKS, runChecks, type EnvironmentCheck } from './checks/index.ts';
import { sortFindings } from './findings.ts';
import { helmComponents } from './helm.ts';
import {
  compareRelations,
  compareText,
  type Environment,
  type ExternalSourceUse,
  type Finding,
  type HelmComponent,
  type KubeObject,
  type Model,
  type Relation,
  type RemoteApply,
  type ArtifactFolder,
} from './model.ts';
import { parseManifest } from './parse.ts';
import { buildRelations, type RelationContext } from './relations/index.ts';

export interface EnvironmentSource {
  name: string;
  documents: EnvironmentDocument[];
  /** Findings met while reading this environment's files (syntax errors, kustomize failures…). */
  findings?: Finding[];
  /** The sources outside this repository its deployers apply (not read). */
  externalSources?: ExternalObjectUse[];
  /** What its deployers apply to other clusters (`spec.kubeConfig`), and the environments that document it. */
  appliedElsewhere?: (Omit<RemoteApply, 'deployer'> & { deployer: KubeObject })[];
  artifactFolders?: (Omit<ArtifactFolder, 'deployer'> & { deployer: KubeObject })[];
}

/** An external source a deployer (its object, as loaded) applies. */
export interface ExternalObjectUse extends Omit<ExternalSourceUse, 'deployer'> {
  deployer: KubeObject;
}

/** Facts about deployers (their objects, as loaded), each with the deployer's resource key instead. */
function byDeployerKey<T extends { deployer: KubeObject }>(environment: Environment, uses: readonly T[]): (Omit<T, 'deployer'> & { deployer: string })[] {
  const keyOf = new Map<KubeObject, string>(environment.resources.map((r) => [r.object, r.key]));
  return uses.flatMap((use) => {
    const deployer = keyOf.get(use.deployer);
    return deployer ? [{ ...use, deployer }] : [];
  });
}

export interface ModelOptions {
  /** Absolute manifests root, recorded in the Model (default: '.'). */
  root?: string;
  /** Absolute Git repository root, recorded in the Model (default: root). */
  repoRoot?: string;
  /** Findings that belong to no environment (e.g. discovery problems). */
  findings?: Finding[];
  /** The per-environment checks to run (default: all of them; [] to skip checks). */
  checks?: readonly EnvironmentCheck[];
  /** Where the repository writes a Secret outside what its GitOps tool applies (loader: outside-secrets.ts). */
  secretOutside?: RelationContext['secretOutside'];
}

/** Environments, relations, Helm components and sorted findings, from documents already parsed. */
export function modelFromDocuments(sources: readonly EnvironmentSource[], options: ModelOptions = {}): Model {
  const findings: Finding[] = [...(options.findings ?? [])];
  const environments: Environment[] = [];
  const relations: Relation[] = [];
  const components: HelmComponent[] = [];
  for (const source of [...sources].sort((a, b) => compareText(a.name, b.name))) {
    const { environment, findings: buildFindings, deployedBy } = buildEnvironment(source.name, source.documents);
    if (source.externalSources?.length) environment.externalSources = byDeployerKey(environment, source.externalSources);
    if (source.appliedElsewhere?.length) environment.appliedElsewhere = byDeployerKey(environment, source.appliedElsewhere);
    if (source.artifactFolders?.length) environment.artifactFolders = byDeployerKey(environment, source.artifactFolders);
    environments.push(environment);
    // File-level findings carry no environment: a file shared by two environments reports its problem once.
    findings.push(...(source.findings ?? []), ...buildFindings);
    const related = buildRelations(environment, { deployedBy, ...(options.secretOutside ? { secretOutside: options.secretOutside } : {}) });
    relations.push(...related.relations);
    findings.push(...related.findings);
    components.push(...helmComponents(environment));
    findings.push(...runChecks(environment, options.checks ?? ENVIRONMENT_CHECKS));
  }
  relations.sort(compareRelations);
  components.sort((a, b) => compareText(a.resource, b.resource) || compareText(a.chart, b.chart));
  const root = options.root ?? '.';
  return { root, repoRoot: options.repoRoot ?? root, environments, relations, components, findings: sortFindings(findings) };
}

export interface YamlFile {
  path: string;
  text: string;
  /** Environment the file belongs to (default: 'default'). */
  env?: string;
}

/** Parses YAML files into environment sources (plain files: Helm template detection on). */
export function sourcesFromYaml(files: readonly YamlFile[]): EnvironmentSource[] {
  const byEnv = new Map<string, EnvironmentSource>();
  for (const file of files) {
    const name = file.env ?? 'default';
    const source = byEnv.get(name) ?? { name, documents: [], findings: [] };
    const parsed = parseManifest(file.path, file.text);
    source.documents.push(...parsed.documents);
    source.findings!.push(...parsed.findings);
    byEnv.set(name, source);
  }
  return [...byEnv.values()];
}

/** A whole Model from YAML strings: `modelFromYaml('kind: …')` or several files, possibly in several environments. */
export function modelFromYaml(files: string | readonly YamlFile[], options: ModelOptions = {}): Model {
  const list = typeof files === 'string' ? [{ path: 'manifests.yaml', text: files }] : files;
  return modelFromDocuments(sourcesFromYaml(list), options);
}

/** One Environment from a YAML string (no checks, no relations): the quickest fixture for a unit test. */
export function environmentFromYaml(envName: string, yamlText: string, path = 'manifests.yaml'): Environment {
  return buildEnvironment(envName, parseManifest(path, yamlText).documents).environment;
}
