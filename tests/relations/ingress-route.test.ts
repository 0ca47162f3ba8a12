import { describe, expect, it } from 'vitest';
import { endpointsOf, environmentFromYaml } from '../../src/infra/index.ts';
import { key, ofType, relationsOf } from './helpers.ts';

describe('Traefik IngressRoute → Service', () => {
  const result = relationsOf('ingress-route');

  it('reads the host and path from the match rule', () => {
    expect(ofType(result, 'routes-to')).toEqual([
      {
        type: 'routes-to',
        from: key('traefik.io', 'IngressRoute', 'ffe', 'web'),
        to: key('', 'Service', 'ffe', 'blog'),
        reason: 'route l’hôte ffe.fr/blog vers le port 80',
        detail: { port: '80', targetPort: '2368', match: 'Host(`ffe.fr`) && PathPrefix(`/blog`)' },
      },
    ]);
  });

  it('reports a service of the route that does not exist', () => {
    const missing = result.findings.filter((f) => f.code === 'FFE-E-SERVICE-MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0].message).toContain('Service missing');
  });

  it('understands several hosts in one match, whatever the quotes', () => {
    const route = (match: string) => `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: web, namespace: ffe}
spec:
  routes: [{match: ${JSON.stringify(match)}, services: [{name: blog, port: 80}]}]`;
    const text = (match: string) => endpointsOf(environmentFromYaml('test', route(match))).map((e) => `${e.host}${e.path}`);
    expect(text('Host(`a.fr`, `b.fr`) || Host(`c.fr`)')).toEqual(['a.fr/', 'b.fr/', 'c.fr/']);
    expect(text('PathPrefix(`/x`)')).toEqual(['*/x']);
    expect(text(`Host("a.fr") && PathPrefix('/api')`)).toEqual(['a.fr/api']);
    expect(text('HostSNI(`db.ffe.fr`)')).toEqual(['db.ffe.fr/']);
  });
});
