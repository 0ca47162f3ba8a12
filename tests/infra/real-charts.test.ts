// Chart versions from wherever Flux and Argo CD take them: a HelmRepository and chart.spec.version, an OCIRepository
// named by chartRef (its tag, else its semver range), an Argo CD Application's targetRevision.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';

const text = readFileSync('tests/fixtures/real-charts/releases.yaml', 'utf8');
const components = modelFromYaml([{ path: 'releases.yaml', text, env: 'cluster' }], { checks: [] }).components;
const of = (name: string) => components.find((c) => c.resource.endsWith(`/${name}`));

describe('chart versions', () => {
  it('come from the OCIRepository a chartRef names: its tag, else its semver range; the chart is the URL’s last segment', () => {
    expect(of('cert-manager')).toMatchObject({ chart: 'cert-manager', version: 'v1.21.1', repository: 'oci://quay.io/jetstack/charts/cert-manager' });
    expect(of('player')).toMatchObject({ chart: 'app-template', version: '>=5.0.0 <6.0.0' });
  });

  it('come from chart.spec.version with a HelmRepository, and from an Argo CD targetRevision', () => {
    expect(of('podinfo')).toMatchObject({ chart: 'podinfo', version: '6.9.2', repository: 'https://charts.example.org/podinfo' });
    expect(of('ingress')).toMatchObject({ chart: 'ingress-nginx', version: '4.12.1' });
  });
});
