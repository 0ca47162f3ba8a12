import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('Certificate and Ingress TLS → Secret and issuer', () => {
  const result = relationsOf('tls');
  const certificate = key('cert-manager.io', 'Certificate', 'ffe', 'ffe-fr');
  const ingress = key('networking.k8s.io', 'Ingress', 'ffe', 'web');
  const edges = (from: string) => result.relations.filter((r) => r.from === from && r.type !== 'routes-to');

  it('relates a Certificate to the Secret it fills and the ClusterIssuer that signs it', () => {
    expect(edges(certificate)).toEqual([
      {
        type: 'issued-by',
        from: certificate,
        to: key('cert-manager.io', 'ClusterIssuer', undefined, 'letsencrypt'),
        reason: 'est signé par le ClusterIssuer letsencrypt',
      },
      {
        type: 'stores-certificate',
        from: certificate,
        to: key('', 'Secret', 'ffe', 'ffe-fr-tls'),
        reason: 'range le certificat pour ffe.fr, www.ffe.fr dans le Secret ffe-fr-tls',
        detail: { dnsNames: 'ffe.fr, www.ffe.fr', external: 'true' },
      },
    ]);
  });

  it('relates an Ingress to its TLS Secret and to the issuer named by its cert-manager annotation', () => {
    expect(edges(ingress)).toEqual([
      {
        type: 'issued-by',
        from: ingress,
        to: key('cert-manager.io', 'ClusterIssuer', undefined, 'letsencrypt-staging'),
        reason: 'fait émettre son certificat par le ClusterIssuer letsencrypt-staging',
        detail: { external: 'true' },
      },
      {
        type: 'stores-certificate',
        from: ingress,
        to: key('', 'Secret', 'ffe', 'blog-tls'),
        reason: 'sert le certificat TLS de blog.ffe.fr depuis le Secret blog-tls',
        detail: { producedBy: ingress, hosts: 'blog.ffe.fr', external: 'true' },
      },
    ]);
    expect(result.findings).toEqual([]);
  });
});
