// The views read deduced objects as they read written ones: a request to a Helm application's host goes through its
// route and Service to its workload, and its claims are in the data view.
import { describe, expect, it } from 'vitest';
import { dataDiagram } from '../../src/views/diagrams/data.ts';
import { requestPathDiagram } from '../../src/views/diagrams/request-path.ts';
import { helmAppsModel } from './fixture.ts';

describe('views of Helm applications', () => {
  it('draw the request path of a host an app-template release serves, down to its workload', () => {
    const { graph } = requestPathDiagram(helmAppsModel(), 'default', 'streamer.example.org');
    expect(graph.nodes.map((n) => n.key)).toEqual(
      expect.arrayContaining(['default/gateway.networking.k8s.io/HTTPRoute/media/streamer', 'default/core/Service/media/streamer', 'default/apps/Deployment/media/streamer']),
    );
  });

  it('show the claims a release’s workload mounts in the data view', () => {
    const keys = dataDiagram(helmAppsModel(), 'default').graph.nodes.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(['default/core/PersistentVolumeClaim/media/streamer-cache', 'default/core/PersistentVolumeClaim/media/streamer']));
  });
});
