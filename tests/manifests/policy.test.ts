// The real manifests, loaded the way `npm run check` and the build load them: no error and no warning means every
// reference resolves (relations), every schema holds and every platform rule is kept — notices of a rule included.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFinding, loadModel, type Model, POLICY_RULES } from '../../src/infra/index.ts';
import { REPO_ROOT } from './render.ts';

let model: Model;

beforeAll(async () => {
  model = await loadModel({ root: 'manifests', cwd: REPO_ROOT });
});

describe.each(['production', 'staging'])('the %s manifests', (env) => {
  it('load as an environment of the model', () => {
    expect(model.environments.find((e) => e.name === env)?.resources.length).toBeGreaterThan(0);
  });

  it('raise no error and no warning: references, schemas and platform rules all hold', () => {
    const problems = model.findings.filter((f) => f.env === env && f.severity !== 'notice');
    expect(problems.map(formatFinding)).toEqual([]);
  });

  it('keep every platform rule, down to the notices', () => {
    const codes = new Set(POLICY_RULES.map((r) => r.code));
    expect(model.findings.filter((f) => f.env === env && codes.has(f.code)).map(formatFinding)).toEqual([]);
  });
});

describe('the manifests as a whole', () => {
  it('raise no error and no warning outside any environment either (files, discovery)', () => {
    const problems = model.findings.filter((f) => f.env === undefined && f.severity !== 'notice');
    expect(problems.map(formatFinding)).toEqual([]);
  });
});
