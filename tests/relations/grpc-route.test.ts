// GRPCRoute → Service: added as the registry says a kind is added (one entry, one parser, tests), with no change to
// the relation builders, the endpoints or the views.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endpointsOf, kindLabel, modelFromYaml, nodeClassOf } from '../../src/infra/index.ts';
import { fixtureEnvironment, key, ofType, relationsOf } from './helpers.ts';

describe('Gateway GRPCRoute → Service', () => {
  const result = relationsOf('grpc-route');

  it('routes each hostname and gRPC method to the backend Service port', () => {
    expect(ofType(result, 'routes-to')).toEqual([
      {
        type: 'routes-to',
        from: key('gateway.networking.k8s.io', 'GRPCRoute', 'ffe', 'api'),
        to: key('', 'Service', 'ffe', 'booking'),
        reason: 'route grpc.ffe.fr/booking.v1.Slots/List et grpc.ffe.fr/booking.v1.Bookings/ vers le port grpc (9090)',
        detail: { port: '9090', portName: 'grpc', targetPort: '9090', hosts: 'grpc.ffe.fr/booking.v1.Slots/List grpc.ffe.fr/booking.v1.Bookings/' },
      },
    ]);
  });

  it('reports a backend Service that does not exist', () => {
    expect(result.findings.filter((f) => f.code === 'FFE-E-SERVICE-MISSING').map((f) => [f.code, f.message])).toEqual([
      ['FFE-E-SERVICE-MISSING', 'Le GRPCRoute api (namespace ffe) envoie le trafic vers le Service missing, qui n’existe pas dans le namespace ffe.'],
    ]);
  });

  it('publishes its host as a gRPC endpoint, with no page address', () => {
    const endpoints = endpointsOf(fixtureEnvironment('grpc-route'));
    expect(endpoints.map((e) => [e.host, e.path, e.protocol, e.service?.split('/').at(-1)])).toEqual([
      ['grpc.ffe.fr', '/', 'grpc', 'missing'],
      ['grpc.ffe.fr', '/booking.v1.Bookings/', 'grpc', 'booking'],
      ['grpc.ffe.fr', '/booking.v1.Slots/List', 'grpc', 'booking'],
    ]);
  });

  it('is a route of the registry, named and drawn like the other routes, and valid for the schema check', () => {
    expect(kindLabel({ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' })).toBe('Route gRPC');
    expect(nodeClassOf({ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' })).toBe('ingress');
    const model = modelFromYaml(readFileSync('tests/fixtures/relations/grpc-route/manifests.yaml', 'utf8'));
    expect(model.findings.filter((f) => f.code === 'FFE-E-SCHEMA')).toEqual([]);
  });
});
