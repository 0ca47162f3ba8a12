// House rules versus breakage: each rule says which it is; FFE's conventions are notes on a repository that has not
// adopted them (conventions: 'none', the default when FFE_MANIFESTS points elsewhere), while what breaks stays an error.
import { describe, expect, it } from 'vitest';
import { loadModel, POLICY_RULES, ruleCategory } from '../../src/infra/index.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';

const ROOT = 'tests/fixtures/real-conventions';
const severityOf = (findings: { code: string; severity: string }[], code: string) => findings.filter((f) => f.code === code).map((f) => f.severity);

describe('rule categories', () => {
  it('every platform rule says whether it is a convention or a breakage; dangling references break', () => {
    for (const rule of POLICY_RULES) expect(['breakage', 'convention']).toContain(rule.category);
    expect(ruleCategory('FFE-E-SECRET-PLAINTEXT')).toBe('breakage');
    expect(ruleCategory('FFE-W-SECURITY-CONTEXT')).toBe('convention');
    expect(ruleCategory('FFE-E-SECRET-MISSING')).toBe('convention');
    expect(ruleCategory('FFE-E-TARGETPORT-UNKNOWN')).toBe('breakage');
    expect(ruleCategory('FFE-E-DUPLICATE-RESOURCE')).toBe('breakage');
  });
});

describe('a repository that has not adopted FFE’s conventions', () => {
  it('gets its conventions as notes, its breakage as errors', async () => {
    const model = await loadModel({ root: ROOT, conventions: 'none' });
    expect(severityOf(model.findings, 'FFE-E-SECRET-MISSING')).toEqual(['notice']);
    expect(severityOf(model.findings, 'FFE-W-SECURITY-CONTEXT').every((s) => s === 'notice')).toBe(true);
    expect(severityOf(model.findings, 'FFE-E-TARGETPORT-UNKNOWN')).toEqual(['error']);
    expect(model.findings.find((f) => f.code === 'FFE-E-SECRET-MISSING')?.hint).toMatch(/^Règle de convention, pas une panne/);
  });

  it('keeps FFE’s severities by default (FFE’s own build)', async () => {
    const model = await loadModel({ root: ROOT });
    expect(severityOf(model.findings, 'FFE-E-SECRET-MISSING')).toEqual(['error']);
  });

  it('is the default when FFE_MANIFESTS points at another repository, unless ffe.config.ts says conventions: ffe', () => {
    expect(resolveFfeOptions({}, '/project').conventions).toBe('ffe');
    expect(resolveFfeOptions({}, '/project', { manifests: '/project/tests/fixtures/demo' }).conventions).toBe('ffe');
    expect(resolveFfeOptions({}, '/project', { manifests: '/srv/other' }).conventions).toBe('none');
    expect(resolveFfeOptions({ conventions: 'ffe' }, '/project', { manifests: '/srv/other' }).conventions).toBe('ffe');
    expect(resolveFfeOptions({ conventions: 'none' }, '/project').conventions).toBe('none');
  });
});

describe('the counts of an environment’s page', () => {
  it('agree with npm run check, file-level errors included, each finding once', async () => {
    const { countBySeverity, distinctFindings } = await import('../../src/infra/index.ts');
    const { environmentIndex } = await import('../../src/views/index-data.ts');
    const model = await loadModel({ root: ROOT });
    const check = countBySeverity(distinctFindings(model.findings));
    expect(check.error).toBeGreaterThanOrEqual(3);
    expect(environmentIndex(model, model.environments[0].name).findings).toEqual(check);
  });
});
