// The Helm applications fixture (tests/fixtures/helm-apps/), built as the loader builds a folder of plain YAML files,
// with every check: what a user of `npm run check` would see.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { modelFromYaml, type Environment, type Model, type YamlFile } from '../../src/infra/index.ts';

export const FIXTURE = 'tests/fixtures/helm-apps';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

export function fixtureFiles(dir = FIXTURE): YamlFile[] {
  return yamlFiles(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

let cached: Model | undefined;

export function helmAppsModel(): Model {
  cached ??= modelFromYaml(fixtureFiles());
  return cached;
}

export function helmAppsEnvironment(): Environment {
  return helmAppsModel().environments[0];
}

/** The line of the first line of `file` that contains `text` (1-based). */
export function lineOf(file: string, text: string): number {
  const index = readFileSync(join(FIXTURE, file), 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index === -1) throw new Error(`${text} absent de ${file}`);
  return index + 1;
}
