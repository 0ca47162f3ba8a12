import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, parseCpu, parseImage, parseMemory, shortImageName } from '../../src/infra/index.ts';

describe('image references', () => {
  it('fills in Docker Hub defaults for a bare name', () => {
    expect(parseImage('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx', pinned: false });
  });

  it('separates registry, repository, tag and digest', () => {
    expect(parseImage('ghcr.io/org/app:1.2.3@sha256:abc')).toEqual({
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: '1.2.3',
      digest: 'sha256:abc',
      pinned: true,
    });
  });

  it('understands a registry with a port and an organisation on Docker Hub', () => {
    expect(parseImage('localhost:5000/team/api:2')).toMatchObject({ registry: 'localhost:5000', repository: 'team/api', tag: '2' });
    expect(parseImage('bitnami/redis:7.4')).toMatchObject({ registry: 'docker.io', repository: 'bitnami/redis', tag: '7.4' });
  });

  it('calls latest and a missing tag unpinned, a version or a digest pinned', () => {
    expect(parseImage('redis:latest').pinned).toBe(false);
    expect(parseImage('redis:7.4.1').pinned).toBe(true);
    expect(parseImage('redis@sha256:0123').pinned).toBe(true);
  });

  it('prints the short form people write', () => {
    expect(shortImageName(parseImage('docker.io/library/nginx:1.27'))).toBe('nginx:1.27');
    expect(shortImageName(parseImage('ghcr.io/org/app:1'))).toBe('ghcr.io/org/app:1');
  });
});

describe('resource quantities', () => {
  it('reads cpu in cores', () => {
    expect(parseCpu('250m')).toBe(0.25);
    expect(parseCpu('2')).toBe(2);
    expect(parseCpu(1.5)).toBe(1.5);
  });

  it('reads memory in bytes, binary and decimal', () => {
    expect(parseMemory('128Mi')).toBe(128 * 1024 * 1024);
    expect(parseMemory('1G')).toBe(1e9);
    expect(parseMemory('1e3')).toBe(1000);
  });

  it('gives NaN for a value that is not a quantity', () => {
    expect(parseMemory('lots')).toBeNaN();
    expect(parseCpu(undefined)).toBeNaN();
  });

  it('formats for French readers', () => {
    expect(formatCpu(0.25)).toBe('250\u00a0m');
    expect(formatCpu(2)).toBe('2\u00a0cœurs');
    expect(formatMemory(128 * 1024 * 1024)).toBe('128\u00a0Mio');
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1,5\u00a0Gio');
  });
});
