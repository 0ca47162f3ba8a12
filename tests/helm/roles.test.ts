// Applications versus operators: a release that serves host names or runs the user's own workloads is an application,
// drawn with the applications; a known controller chart, one installing CRDs or living in a `*-system` namespace is
// an operator, and only those fill the overview's operators frame.
import { describe, expect, it } from 'vitest';
import { modelFromYaml, releaseRole } from '../../src/infra/index.ts';
import { overviewDiagram } from '../../src/views/diagrams/overview.ts';
import { helmAppsModel } from './fixture.ts';

const release = (namespace: string, name: string) => `default/helm.toolkit.fluxcd.io/HelmRelease/${namespace}/${name}`;

describe('a Helm release', () => {
  it('is an application when it serves host names, whether its values or a route of the manifests say so', () => {
    const model = helmAppsModel();
    expect(releaseRole(model, release('media', 'streamer'))).toMatchObject({ role: 'application', hosts: ['streamer.example.org'] });
    expect(releaseRole(model, release('web', 'podinfo'))).toMatchObject({ role: 'application', hosts: ['podinfo.example.org'] });
    // Its own chart, not read: the route of the manifests to forgejo-http says what it serves.
    expect(releaseRole(model, release('dev', 'forgejo'))).toMatchObject({ role: 'application', hosts: ['git.example.org'] });
  });

  it('is an application when its values write host names by the common convention, even from a chart no reader knows', () => {
    const release = (name: string, enabled: boolean) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${name}
  namespace: cloud
spec:
  chart:
    spec:
      chart: filebox
      version: 9.2.6
  values:
    filebox:
      host: &host ${name}.example.org
    httpRoute:
      enabled: ${enabled}
      hostnames:
        - *host
`;
    const model = modelFromYaml([{ path: 'cloud/releases.yaml', text: `${release('files', true)}---\n${release('drafts', false)}` }]);
    const key = (name: string) => `default/helm.toolkit.fluxcd.io/HelmRelease/cloud/${name}`;
    expect(releaseRole(model, key('files'))).toMatchObject({ role: 'application', hosts: ['files.example.org'] });
    // A route the values switch off serves nothing.
    expect(releaseRole(model, key('drafts'))).toMatchObject({ role: 'operator', hosts: [] });
  });

  it('is an operator when its chart is a known controller, even with a route to one of its Services', () => {
    expect(releaseRole(helmAppsModel(), release('platform-system', 'cilium'))).toMatchObject({ role: 'operator', why: 'chart de contrôleur connu (cilium)' });
  });
});

describe('the overview', () => {
  it('draws applications installed by Helm as applications, and only operators in the operators frame', () => {
    const { graph } = overviewDiagram(helmAppsModel(), 'default');
    const inFrame = (frame: string) => graph.nodes.filter((n) => n.group === frame).map((n) => n.label);
    expect(inFrame('operators')).toEqual(['cilium 1.18.4']);
    expect(inFrame('apps')).toEqual(expect.arrayContaining(['media · streamer', 'dev · forgejo', 'web · podinfo']));
  });
});
