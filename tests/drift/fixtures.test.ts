// The fixture exports of FFE's two clusters (tests/fixtures/drift/, written by `npm run fixtures:drift`) hold the
// noise a real cluster adds — defaults, status, managedFields, Pods, Helm and operator objects, Secrets with values —
// and a few planted differences: the comparison reports each planted difference once, and nothing else.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithSnapshot, loadModel, parseSnapshot, type DriftReport, type Model } from '../../src/infra/index.ts';
import { FIXTURE_DIR, PLANTS } from './plan.ts';

let model: Model;
const reports = new Map<string, DriftReport>();

function fixture(env: string): { path: string; text: string } {
  const path = `tests/fixtures/drift/${env}.yaml`;
  return { path, text: readFileSync(fileURLToPath(new URL(`${env}.yaml`, FIXTURE_DIR)), 'utf8') };
}

beforeAll(async () => {
  model = await loadModel({ checks: [] });
  for (const env of Object.keys(PLANTS)) {
    const { path, text } = fixture(env);
    const parsed = parseSnapshot(path, text);
    if (!parsed.ok) throw new Error(parsed.findings.map((f) => f.message).join('\n'));
    reports.set(env, compareWithSnapshot(model, env, parsed.snapshot));
  }
});

const STALE = 'les manifestes ont changé depuis la génération des exports de test : lancez « npm run fixtures:drift »';

describe('the production fixture', () => {
  it('reports exactly the planted differences, each once', () => {
    const report = reports.get('production')!;
    const found = report.differences.map((d) => [d.type, d.subject.label, d.value?.slot ?? '', d.value?.git ?? '', d.value?.cluster ?? '']);
    expect(found, STALE).toEqual([
      ['cluster-only', 'ConfigMap booking/calcom-debug', '', '', ''],
      ['value', 'Deployment booking/calcom', 'replicas', '1', '3'],
      ['value', 'Deployment ffe-site/site', 'image:nginx', 'ghcr.io/ffe-infra/ffe-site:2.3.1', 'ghcr.io/ffe-infra/ffe-site:2.3.2-correctif'],
    ]);
    expect(PLANTS.production).toHaveLength(found.length);
  });

  it('locates each difference on both sides', () => {
    const report = reports.get('production')!;
    const scaled = report.differences.find((d) => d.value?.slot === 'replicas')!;
    // Both sides point at the `replicas:` line of the Deployment, not at the start of the object: Git's too, read by the
    // same parser (it pointed at the Deployment's first line).
    expect(scaled.git?.path).toBe('manifests/apps/base/booking/deployment.yaml');
    const written = readFileSync(fileURLToPath(new URL('../../manifests/apps/base/booking/deployment.yaml', import.meta.url)), 'utf8').split('\n');
    expect(written[scaled.git!.line - 1]).toMatch(/^  replicas: 1\b/);
    // An image `images:` sets in a kustomization is not written in the Deployment's file: its first line is shown.
    expect(report.differences.find((d) => d.value?.slot === 'image:nginx')!.git).toEqual({ path: 'manifests/apps/base/static-site/deployment.yaml', line: 1 });
    const lines = fixture('production').text.split('\n');
    expect(lines[scaled.cluster!.line - 1]).toBe('    replicas: 3');
    const byHand = report.differences.find((d) => d.type === 'cluster-only')!;
    expect(lines[byHand.cluster!.line - 1]).toMatch(/^- apiVersion: v1$/);
    expect(lines.slice(byHand.cluster!.line - 1, byHand.cluster!.line + 12).join('\n')).toContain('name: calcom-debug');
  });

  it('sets aside what Kubernetes, k3s, Flux, Helm and the operators made, rule by rule', () => {
    const report = reports.get('production')!;
    const rules = Object.fromEntries(report.ignored.map((i) => [i.rule, i.count]));
    for (const rule of ['proprietaire', 'execution', 'compte-de-service-par-defaut', 'certificat-racine', 'kubernetes', 'stockage-helm', 'rendu-par-helm', 'flux', 'flux-helmchart', 'k3s', 'cert-manager', 'secret-reference', 'volume-provisionne']) {
      expect(rules[rule], rule).toBeGreaterThan(0);
    }
    expect(report.notCompared.kinds).toEqual([]);
    expect(report.compared).toBe(model.environments.find((e) => e.name === 'production')!.resources.length);
  });

  it('warns that the export holds Secret values, without showing one', () => {
    const report = reports.get('production')!;
    expect(report.warnings.map((w) => w.code)).toEqual(['FFE-W-SNAPSHOT-SECRET-VALUES']);
    expect(report.warnings[0].message).toMatch(/valeurs de \d+ Secrets/);
  });
});

describe('the staging fixture', () => {
  it('reports the Kustomization never applied once, with everything it deploys', () => {
    const report = reports.get('staging')!;
    expect(report.differences.map((d) => [d.type, d.subject.label]), STALE).toEqual([['git-only', 'Kustomization flux-system/monitoring']]);
    const [missing] = report.differences;
    expect(missing.git?.path).toBe('manifests/clusters/staging/infrastructure.yaml');
    const deployed = model.relations.filter((r) => r.type === 'deploys' && r.from === missing.resourceKey).map((r) => r.to).sort();
    expect(missing.members?.map((m) => m.resourceKey).sort()).toEqual(deployed);
    expect(deployed.length).toBeGreaterThan(2);
    expect(report.notCompared.kinds).toEqual([]);
  });
});
