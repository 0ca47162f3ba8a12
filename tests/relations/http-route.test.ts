import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';
import { key, ofType, relationsOf } from './helpers.ts';

describe('Gateway HTTPRoute → Service', () => {
  it('routes each hostname and path prefix to the backend Service port', () => {
    expect(ofType(relationsOf('http-route'), 'routes-to')).toEqual([
      {
        type: 'routes-to',
        from: key('gateway.networking.k8s.io', 'HTTPRoute', 'ffe', 'web'),
        to: key('', 'Service', 'ffe', 'docs'),
        reason: 'route l’hôte ffe.fr/docs vers le port 80',
        detail: { port: '80', targetPort: '8080', hosts: 'ffe.fr/docs' },
      },
    ]);
  });
});

describe('route edges, whatever the route kind', () => {
  it('make one edge per Service port, with every host and path that reaches it', () => {
    // An HTTPRoute made one edge per rule where an Ingress made one per Service port: the same fact, two shapes.
    const model = modelFromYaml(
      `apiVersion: v1
kind: Service
metadata: {name: docs, namespace: ffe}
spec: {ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: ffe}
spec:
  hostnames: [ffe.fr]
  rules:
    - {matches: [{path: {value: /a}}], backendRefs: [{name: docs, port: 80}]}
    - {matches: [{path: {value: /b}}], backendRefs: [{name: docs, port: 80}]}`,
      { checks: [] },
    );
    const routes = model.relations.filter((r) => r.type === 'routes-to');
    expect(routes.map((r) => [r.reason, r.detail?.hosts])).toEqual([['route ffe.fr/a et ffe.fr/b vers le port 80', 'ffe.fr/a ffe.fr/b']]);
  });
});
