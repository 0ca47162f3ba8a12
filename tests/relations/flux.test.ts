import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelFromDocuments, parseManifest } from '../../src/infra/index.ts';
import { ENV, key, ofType } from './helpers.ts';

/** The flux fixture as the loader hands it over, the ConfigMap `settings` brought in by the path of `apps`. */
function loadedWithDeployer() {
  const dir = 'tests/fixtures/relations/flux';
  const documents = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => parseManifest(`${dir}/${f}`, readFileSync(join(dir, f), 'utf8')).documents);
  const named = (kind: string, name: string) => documents.find((d) => d.object.kind === kind && d.object.metadata?.name === name)!;
  const deployer = named('Kustomization', 'apps').object;
  return modelFromDocuments([{ name: ENV, documents: documents.map((d) => (d === named('ConfigMap', 'app-settings') ? { ...d, deployedBy: deployer } : d)) }], { checks: [] });
}

describe('Flux Kustomization → source, dependencies and deployed resources', () => {
  const apps = key('kustomize.toolkit.fluxcd.io', 'Kustomization', 'flux-system', 'apps');
  const infrastructure = key('kustomize.toolkit.fluxcd.io', 'Kustomization', 'flux-system', 'infrastructure');
  const settings = key('', 'ConfigMap', 'ffe', 'app-settings');
  const result = loadedWithDeployer();

  it('relates each Kustomization to its GitRepository', () => {
    expect(ofType(result, 'source').map((r) => [r.from, r.to, r.reason])).toEqual([
      [apps, key('source.toolkit.fluxcd.io', 'GitRepository', 'flux-system', 'flux-system'), 'récupère ses sources depuis le GitRepository flux-system'],
      [infrastructure, key('source.toolkit.fluxcd.io', 'GitRepository', 'flux-system', 'flux-system'), 'récupère ses sources depuis le GitRepository flux-system'],
    ]);
  });

  it('follows dependsOn and reports a dependency that does not exist', () => {
    expect(ofType(result, 'depends-on').map((r) => [r.from, r.to])).toEqual([[apps, infrastructure]]);
    expect(result.findings.map((f) => [f.code, f.resource])).toEqual([['FFE-E-DEPENDS-ON-MISSING', apps]]);
    expect(result.findings[0].message).toContain('databases');
  });

  it('deploys what the loader says its path renders to, and what carries its Flux labels', () => {
    expect(ofType(result, 'deploys')).toEqual([
      { type: 'deploys', from: apps, to: settings, reason: 'déploie le dossier ./apps/production', detail: { path: './apps/production' } },
      {
        type: 'deploys',
        from: infrastructure,
        to: key('', 'ConfigMap', 'ffe', 'labelled'),
        reason: 'déploie le dossier ./infrastructure',
        detail: { path: './infrastructure' },
      },
    ]);
  });
});
