import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { type KubeObject } from '../../src/infra/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/policy');

/** The objects of tests/fixtures/policy/<rule>/<variant>.yaml (every rule has a `good` and a `broken` one). */
export function fixture(rule: string, variant: string): KubeObject[] {
  const text = readFileSync(resolve(ROOT, rule, `${variant}.yaml`), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}
