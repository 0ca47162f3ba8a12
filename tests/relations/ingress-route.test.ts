import { describe, expect, it } from 'vitest';
import { traefikMatches } from '../../src/infra/kinds/routes.ts';
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
    const text = (match: string) => traefikMatches(match).map((m) => `${m.host}${m.path}`);
    expect(text('Host(`a.fr`, `b.fr`) || Host(`c.fr`)')).toEqual(['a.fr/', 'b.fr/', 'c.fr/']);
    expect(text('PathPrefix(`/x`)')).toEqual(['*/x']);
    expect(text(`Host("a.fr") && PathPrefix('/api')`)).toEqual(['a.fr/api']);
    expect(text('HostSNI(`db.ffe.fr`)')).toEqual(['db.ffe.fr/']);
  });
});
