import { describe, expect, it } from 'vitest';
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
