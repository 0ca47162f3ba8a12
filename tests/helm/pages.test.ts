// What the pages of Helm applications say, as views compute it: a release's chart, version, source and the objects
// its values make (images, hosts, what they use); a deduced object's origin; a chart that is not read, said so.
import { describe, expect, it } from 'vitest';
import { imageRows } from '../../src/views/tables/images.ts';
import { resourceView } from '../../src/views/resource.ts';
import { helmAppsModel } from './fixture.ts';

const RELEASE = (namespace: string, name: string) => `default/helm.toolkit.fluxcd.io/HelmRelease/${namespace}/${name}`;

describe('a HelmRelease page', () => {
  it('shows chart, version and source, and what the release makes, each linked to its page', () => {
    const view = resourceView(helmAppsModel(), RELEASE('media', 'streamer')).release!;
    expect(view).toMatchObject({ chart: 'app-template', version: '4.4.0', repository: 'oci://ghcr.io/bjw-s-labs/helm/app-template', role: 'application : sert streamer.example.org' });
    const deployment = view.objects.find((o) => o.object.label === 'Deployment media/streamer')!;
    expect(deployment.object.href).toBe('/infra/default/media/deployment/streamer/');
    expect(deployment.images).toEqual(['ghcr.io/example/streamer:10.11.2']);
    expect(deployment.hosts).toEqual(['streamer.example.org/']);
    expect(deployment.uses.map((u) => [u.text, u.link.href])).toEqual([
      ['Volume (PVC) streamer', '/infra/default/media/persistentvolumeclaim/streamer/'],
      ['Volume (PVC) streamer-cache', '/infra/default/media/persistentvolumeclaim/streamer-cache/'],
      ['Secret streamer-secret', undefined],
    ]);
  });

  it('says when the chart is not read, rather than guessing', () => {
    const view = resourceView(helmAppsModel(), RELEASE('platform-system', 'cilium')).release!;
    expect(view.objects).toEqual([]);
    expect(view.notRead).toContain('n’est pas connu ici, et n’est pas deviné');
  });
});

describe('a deduced object', () => {
  it('says which release and chart it comes from, and is marked in the images table', () => {
    const model = helmAppsModel();
    const view = resourceView(model, 'default/apps/Deployment/media/streamer');
    expect(view.deducedFrom).toMatchObject({ chart: 'app-template', text: 'déduit des values du chart app-template', release: { href: '/infra/default/media/helmrelease/streamer/' } });
    const row = imageRows(model).find((r) => r.image === 'ghcr.io/example/streamer:10.11.2')!;
    expect(row.deduced).toBe('déduit des values du chart app-template');
  });
});
