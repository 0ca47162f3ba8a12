// What one commit deploys, reduced to what the history compares: per environment, each object with its identity,
// where it is written, the values the history names and the object itself (secret values replaced by a digest, so
// that a changed value is seen and never kept), and the findings of the checks. Plain JSON: cached per commit.
import { createHash } from 'node:crypto';
import { asRecord } from '../fields.ts';
import { secretValuesOf } from '../kinds/registry.ts';
import { compareText, type KubeObject, type Model, type Resource, type Severity } from '../model.ts';
import { historyFactsOf, type HistoryFact } from './facts.ts';

export interface StateObject {
  key: string;
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  path: string;
  line: number;
  facts: HistoryFact[];
  /** The object as deployed, secret values replaced by `MASK` and a digest of the value. */
  object: KubeObject;
}

export interface StateEnvironment {
  name: string;
  objects: StateObject[];
}

export interface StateFinding {
  code: string;
  severity: Severity;
  message: string;
  env?: string;
  resource?: string;
  path?: string;
  line?: number;
}

export interface InfraState {
  environments: StateEnvironment[];
  findings: StateFinding[];
}

export const EMPTY_STATE: InfraState = { environments: [], findings: [] };

/** What stands for a secret value in a state: the marker, then a digest that changes with the value. */
export const MASK = '‹masqué›';

export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith(MASK);
}

function masked(object: KubeObject): KubeObject {
  const secrets = secretValuesOf(object);
  if (secrets.length === 0) return object;
  const copy = structuredClone(object);
  for (const { field, key, value } of secrets) {
    const holder = field.split('.').reduce<Record<string, unknown> | undefined>((at, part) => asRecord(at?.[part]), copy);
    if (!holder) continue;
    const digest = createHash('sha256').update(JSON.stringify([field, key, value])).digest('hex').slice(0, 16);
    holder[key] = `${MASK}${digest}`;
  }
  return copy;
}

function stateObject(resource: Resource): StateObject {
  const { group, kind, namespace, name } = resource.id;
  return {
    key: resource.key,
    group,
    kind,
    ...(namespace ? { namespace } : {}),
    name,
    path: resource.source.path,
    line: resource.source.line,
    facts: historyFactsOf(resource.object),
    object: masked(resource.object),
  };
}

/** The state of a loaded model (its findings included), as the history compares and caches it. */
export function stateOf(model: Model): InfraState {
  return {
    environments: model.environments
      .map((env) => ({ name: env.name, objects: env.resources.map(stateObject) }))
      .sort((a, b) => compareText(a.name, b.name)),
    findings: model.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      ...(f.env ? { env: f.env } : {}),
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.location ? { path: f.location.path, line: f.location.line } : {}),
    })),
  };
}
