// Fixture environments for relation tests: every YAML file of tests/fixtures/relations/<scenario>/ in one environment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentFromYaml } from '../../src/infra/core.ts';
import { createEnvironment, type Environment, type Relation } from '../../src/infra/model.ts';
import { buildRelations, type RelationResult } from '../../src/infra/relations/index.ts';

export const ENV = 'test';

export function fixtureEnvironment(scenario: string): Environment {
  const dir = join('tests/fixtures/relations', scenario);
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const resources = files.flatMap((f) => environmentFromYaml(ENV, readFileSync(join(dir, f), 'utf8'), `${dir}/${f}`).resources);
  return createEnvironment(ENV, resources);
}

export function relationsOf(scenario: string): RelationResult {
  return buildRelations(fixtureEnvironment(scenario));
}

/** `key('apps', 'Deployment', 'ffe', 'web')` → 'test/apps/Deployment/ffe/web'. */
export function key(group: string, kind: string, namespace: string | undefined, name: string): string {
  return [ENV, group || 'core', kind, namespace ?? '_cluster', name].join('/');
}

export function ofType(result: RelationResult, type: Relation['type']): Relation[] {
  return result.relations.filter((r) => r.type === type);
}
