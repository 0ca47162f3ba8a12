import { describe, expect, it } from 'vitest';
import { key, ofType, relationsOf } from './helpers.ts';

describe('Ingress → Service', () => {
  const result = relationsOf('ingress');
  const ingress = key('networking.k8s.io', 'Ingress', 'ffe', 'web');

  it('groups the hosts and paths that reach the same Service port into one edge', () => {
    expect(ofType(result, 'routes-to')).toContainEqual({
      type: 'routes-to',
      from: ingress,
      to: key('', 'Service', 'ffe', 'web'),
      reason: 'route ffe.fr/ et www.ffe.fr/ vers le port 80',
      detail: { port: '80', targetPort: '8080', hosts: 'ffe.fr/ www.ffe.fr/' },
    });
  });

  it('resolves a port given by name to the Service port number', () => {
    const api = ofType(result, 'routes-to').find((r) => r.to === key('', 'Service', 'ffe', 'api'));
    expect(api?.reason).toBe('route l’hôte ffe.fr/api vers le port http (8000)');
    expect(api?.detail).toMatchObject({ port: '8000', portName: 'http' });
  });
});
