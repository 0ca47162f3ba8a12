// Schema validation for the kinds kubernetes-models knows (core API and the CRD packages we depend on).
// Validators are loaded lazily, synchronously (require of ES modules, Node ≥ 22), once per apiVersion/kind.
// A bundled CRD schema can be older than the controller a repository deploys: a value or a field it does not know yet
// is then a warning naming the schema's package and version, not an error (the core API schema stays strict).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasSopsMetadata } from '../fields.ts';
import { apiGroupOf, type Environment, type Finding, type KubeObject, type Resource } from '../model.ts';

const require = createRequire(import.meta.url);

/** The kubernetes-models packages whose schemas the check loads by name (each must be declared in package.json). */
export const MODEL_PACKAGES = [
  'kubernetes-models',
  '@kubernetes-models/cert-manager',
  '@kubernetes-models/sealed-secrets',
  '@kubernetes-models/flux-cd',
  '@kubernetes-models/traefik',
  '@kubernetes-models/prometheus-operator',
  '@kubernetes-models/gateway-api',
];

interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}
interface Validator {
  validate: (object: KubeObject) => SchemaError[];
  /** « @kubernetes-models/flux-cd 4.0.0 »: where the schema comes from. */
  origin: string;
  /** Custom resource schemas lag behind their controllers; the core API schema is taken as authoritative. */
  mayBeOutdated: boolean;
}

const CORE_PACKAGE = 'kubernetes-models';

let groupDirs: Map<string, { dir: string; origin: string; pkg: string }[]> | undefined;
const validators = new Map<string, Validator | null>();
let localizeFr: ((errors: SchemaError[]) => void) | null | undefined;

function packageDir(name: string): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.resolve(name)));
  } catch {
    return undefined;
  }
}

function packageVersion(dir: string): string {
  try {
    return String((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version ?? '?');
  } catch {
    return '?';
  }
}

/** API group → package folders providing it ('' is the core group, stored as `v1/` at a package root). */
function groups(): Map<string, { dir: string; origin: string; pkg: string }[]> {
  if (groupDirs) return groupDirs;
  groupDirs = new Map();
  for (const pkg of MODEL_PACKAGES) {
    const dir = packageDir(pkg);
    if (!dir) continue;
    const origin = `${pkg} ${packageVersion(dir)}`;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
      const group = entry.name === 'v1' ? '' : entry.name;
      groupDirs.set(group, [...(groupDirs.get(group) ?? []), { dir, origin, pkg }]);
    }
  }
  return groupDirs;
}

function frenchMessages(errors: SchemaError[]): void {
  if (localizeFr === undefined) {
    try {
      const validateDir = packageDir('@kubernetes-models/validate');
      const fromValidate = createRequire(join(validateDir ?? '.', 'index.js'));
      const mod = fromValidate('ajv-i18n/localize/fr/index.js');
      localizeFr = (typeof mod === 'function' ? mod : mod.default) as (errors: SchemaError[]) => void;
    } catch {
      localizeFr = null;
    }
  }
  localizeFr?.(errors);
}

function loadValidator(apiVersion: string, kind: string): Validator | null {
  const group = apiGroupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^[a-z0-9.-]*$/.test(group) || !/^[a-z0-9]+$/.test(version)) return null;
  for (const { dir, origin, pkg } of groups().get(group) ?? []) {
    const file = group === '' ? join(dir, 'v1', `${kind}.js`) : join(dir, group, version, `${kind}.js`);
    if ((group === '' && version !== 'v1') || !existsSync(file)) continue;
    const Model = (require(file) as Record<string, new (data: unknown) => { validate(): void }>)[kind];
    if (typeof Model !== 'function') continue;
    const validate = (object: KubeObject): SchemaError[] => {
      try {
        new Model(object).validate();
        return [];
      } catch (error) {
        const errors = (error as { errors?: SchemaError[] }).errors;
        if (!Array.isArray(errors)) throw error;
        return errors;
      }
    };
    return { validate, origin, mayBeOutdated: pkg !== CORE_PACKAGE && group !== '' };
  }
  return null;
}

/** The validator for an apiVersion/kind, or null when no schema is known (an unknown CRD is not an error). */
export function validatorFor(apiVersion: string, kind: string): Validator | null {
  const id = `${apiVersion}/${kind}`;
  let validator = validators.get(id);
  if (validator === undefined) {
    validator = loadValidator(apiVersion, kind);
    validators.set(id, validator);
  }
  return validator;
}

function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describeError(error: SchemaError): string {
  const path = fieldPath(error.instancePath) || 'l’objet';
  return `${path} : ${error.message ?? error.keyword}`;
}

const MAX_ERRORS_SHOWN = 3;

/** Errors a newer version of the schema could make disappear: a value it does not list, a field it does not know. */
function isNewerThanSchema(error: SchemaError): boolean {
  return error.keyword === 'enum' || error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties';
}

function valueAt(object: KubeObject, instancePath: string): unknown {
  let value: unknown = object;
  for (const part of instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** « spec.eventSources[0].kind vaut « FluxInstance » (connues : Bucket, GitRepository…) ». */
function describeUnknown(object: KubeObject, error: SchemaError): string {
  const path = fieldPath(error.instancePath) || 'l’objet';
  if (error.keyword === 'enum') {
    const allowed = Array.isArray(error.params?.allowedValues) ? (error.params.allowedValues as unknown[]).map(String) : [];
    const known = allowed.length > 0 ? ` (connues : ${allowed.slice(0, 8).join(', ')}${allowed.length > 8 ? '…' : ''})` : '';
    return `${path} vaut « ${String(valueAt(object, error.instancePath))} »${known}`;
  }
  const field = typeof error.params?.additionalProperty === 'string' ? error.params.additionalProperty : typeof error.params?.unevaluatedProperty === 'string' ? error.params.unevaluatedProperty : '?';
  return `${path ? `${path}.` : ''}${field} n’existe pas dans ce schéma`.replace(/^l’objet\./, '');
}

/** SOPS replaced the values with ENC[…] ciphertext: only the decrypted object could be validated. */
function isSchemaReadable(resource: Resource): boolean {
  return !hasSopsMetadata(resource.object);
}

export function schemaFindings(resource: Resource): Finding[] {
  if (!isSchemaReadable(resource)) return [];
  const validator = validatorFor(resource.apiVersion, resource.id.kind);
  if (!validator) return [];
  const all = validator.validate(resource.object);
  if (all.length === 0) return [];
  const newer = validator.mayBeOutdated ? all.filter(isNewerThanSchema) : [];
  const errors = all.filter((e) => !newer.includes(e));
  const findings: Finding[] = [];
  if (newer.length > 0) {
    const unknown = [...new Set(newer.map((e) => describeUnknown(resource.object, e)))];
    findings.push({
      code: 'FFE-W-SCHEMA-OUTDATED',
      severity: 'warning',
      message: `${resource.id.kind} ${resource.id.name} : ${unknown.join(' ; ')}, inconnu du schéma ${resource.apiVersion} embarqué (${validator.origin}), sans doute plus ancien que le contrôleur que vous déployez.`,
      hint: `Vérifiez que votre version du contrôleur accepte cette valeur ; si oui, rien à faire (une version plus récente de ${validator.origin.split(' ')[0]} fera disparaître cet avertissement).`,
      location: resource.source,
      env: resource.id.env,
      resource: resource.key,
    });
  }
  if (errors.length === 0) return findings;
  frenchMessages(errors);
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).map(describeError);
  const more = errors.length > MAX_ERRORS_SHOWN ? ` (et ${errors.length - MAX_ERRORS_SHOWN} autre(s))` : '';
  return [
    ...findings,
    {
      code: 'FFE-E-SCHEMA',
      severity: 'error',
      message: `${resource.id.kind} ${resource.id.name} ne respecte pas le schéma ${resource.apiVersion} : ${shown.join(' ; ')}${more}.`,
      hint: 'Corrigez ces champs : l’API Kubernetes refuserait cet objet tel quel.',
      location: resource.source,
      env: resource.id.env,
      resource: resource.key,
    },
  ];
}

export function checkSchemas(env: Environment): Finding[] {
  // A deduced object is what a chart would render, not a manifest: its chart, not the reader, answers for its schema.
  return env.resources.filter((r) => !r.deduced).flatMap(schemaFindings);
}
