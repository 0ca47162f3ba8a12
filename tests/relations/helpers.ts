// Fixture environments for relation tests: every YAML file of tests/fixtures/relations/<scenario>/ in one environment,
// built as the loader builds it (no checks: the relations and the findings met while resolving them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelFromYaml, type Environment, type Finding, type Model, type Relation } from '../../src/infra/index.ts';

export const ENV = 'test';

/** The relations of an environment and the findings met while resolving them. */
export interface RelationResult {
  relations: Relation[];
  findings: Finding[];
}

export function fixtureModel(scenario: string): Model {
  const dir = join('tests/fixtures/relations', scenario);
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  return modelFromYaml(
    files.map((f) => ({ path: `${dir}/${f}`, text: readFileSync(join(dir, f), 'utf8'), env: ENV })),
    { checks: [] },
  );
}

export function fixtureEnvironment(scenario: string): Environment {
  return fixtureModel(scenario).environments[0];
}

export function relationsOf(scenario: string): RelationResult {
  const { relations, findings } = fixtureModel(scenario);
  return { relations, findings };
}

/** The line of `file` where `pattern` is first found after line `after`: where a finding about that field points. */
export function lineOf(file: string, pattern: RegExp, after = 0): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((line, index) => index >= after && pattern.test(line)) + 1;
}

/** `key('apps', 'Deployment', 'ffe', 'web')` → 'test/apps/Deployment/ffe/web'. */
export function key(group: string, kind: string, namespace: string | undefined, name: string): string {
  return [ENV, group || 'core', kind, namespace ?? '_cluster', name].join('/');
}

export function ofType(result: RelationResult, type: Relation['type']): Relation[] {
  return result.relations.filter((r) => r.type === type);
}
