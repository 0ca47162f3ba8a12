// The comparison of two environments pairs a Helm application's deduced objects like written ones: an image that
// differs between the releases' values is a difference of the Deployment the chart makes, in both environments.
import { describe, expect, it } from 'vitest';
import { compareEnvironmentPair, modelFromYaml, traceDifference } from '../../src/infra/index.ts';

const release = (tag: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: sonarr, namespace: media }
spec:
  chart:
    spec:
      chart: app-template
      sourceRef: { kind: HelmRepository, name: bjw-s, namespace: flux-system }
  values:
    controllers:
      sonarr:
        containers:
          app:
            image: { repository: ghcr.io/home-operations/sonarr, tag: ${tag} }
`;

describe('comparing two environments', () => {
  it('pairs the objects a release deduces, and sees their differences', () => {
    const model = modelFromYaml(
      [
        { path: 'production/sonarr.yaml', text: release('4.0.14'), env: 'production' },
        { path: 'staging/sonarr.yaml', text: release('4.0.15'), env: 'staging' },
      ],
      { checks: [] },
    );
    const comparison = compareEnvironmentPair(model, 'production', 'staging')!;
    const deployment = comparison.pairs.find((p) => p.left?.key === 'production/apps/Deployment/media/sonarr');
    expect(deployment?.right?.key).toBe('staging/apps/Deployment/media/sonarr');
    expect(deployment!.differences.length).toBeGreaterThan(0);
    // Traced to each side's release, where the values write it.
    const trace = traceDifference(model, comparison, deployment!, deployment!.differences[0]);
    expect(new Set([...trace.left, ...trace.right].map((l) => l.path))).toEqual(new Set(['production/sonarr.yaml', 'staging/sonarr.yaml']));
  });
});
