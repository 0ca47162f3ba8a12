// `npm run check` warns when production runs a version staging never ran: over the pair ffe.config.ts compares,
// located at the line that sets production's version, in French with what to do next.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel, PAIR_RULES, type Finding } from '../../src/infra/index.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';
import { AT, FLUX_OVERLAYS } from './fixture.ts';

const NODE = 'node_modules/.bin/node';

function check(manifests: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(NODE, ['scripts/check.ts'], { env: { ...process.env, FFE_MANIFESTS: manifests, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('production ahead of staging', () => {
  it('is a warning of npm run check, at the production overlay line that sets the newer image', async () => {
    const result = await check(FLUX_OVERLAYS);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const index = lines.findIndex((l) => l.includes('FFE-W-UNTESTED-VERSION'));
    expect(lines[index]).toBe(
      `${AT}/apps/production/kustomization.yaml:9  avertissement  FFE-W-UNTESTED-VERSION  Deployment shop/web : production fait tourner l’image ghcr.io/example/shop:1.5.0 (conteneur « web »), plus récente que staging (ghcr.io/example/shop:1.4.0) — cette version n’a pas été essayée en staging.`,
    );
    expect(lines[index + 1]).toBe('  → Faites-la d’abord passer par staging (son overlay), puis reportez-la en production ; ou ramenez production à la version de staging.');
    // Staging ahead (the chart) is a promotion waiting, not a warning.
    expect(lines.filter((l) => l.includes('FFE-W-UNTESTED-VERSION'))).toHaveLength(1);
  });

  it('compares only the configured pair, and can be turned off like any rule', async () => {
    const untested = async (options: Parameters<typeof loadModel>[0]) =>
      (await loadModel({ root: FLUX_OVERLAYS, ...options })).findings
        .filter((f: Finding) => f.code === 'FFE-W-UNTESTED-VERSION')
        .map((f) => `${f.env} ${f.resource}`);
    expect(await untested({ compare: ['staging', 'production'] })).toEqual(['production production/apps/Deployment/shop/web']);
    // The other way round, staging is the one receiving: its newer chart is what it runs untested.
    expect(await untested({ compare: ['production', 'staging'] })).toEqual(['staging staging/helm.toolkit.fluxcd.io/HelmRelease/shop/podinfo']);
    expect(await untested({ compare: ['staging', 'preprod'] })).toEqual([]);
    expect(await untested({ compare: ['staging', 'production'], severities: { 'tested-before-production': 'off' } })).toEqual([]);
    expect(() => resolveFfeOptions({ rules: { 'tested-before-production': 'error' } }, fileURLToPath(new URL('../..', import.meta.url)))).not.toThrow();
  });

  it('is documented like the other rules', () => {
    const [rule] = PAIR_RULES;
    expect(rule).toMatchObject({ id: 'tested-before-production', code: 'FFE-W-UNTESTED-VERSION', severity: 'warning' });
    expect(rule.description.length).toBeGreaterThan(40);
  });
});
