// Which side is ahead, read as people write versions — and said to be unknowable when nothing orders them.
import { describe, expect, it } from 'vitest';
import { compareChartVersions, compareImages, compareTags } from '../../src/infra/index.ts';

describe('image tags compared as versions', () => {
  it.each([
    ['1.5.0', '1.4.0', 'left-ahead'],
    ['1.4.0', '1.10.0', 'right-ahead'],
    ['v2.3', '2.3.0', 'same'],
    ['16.4-bookworm', '16.2-bookworm', 'left-ahead'],
    ['1.0.0-rc.1', '1.0.0', 'right-ahead'],
    ['1.0.0-rc.2', '1.0.0-rc.10', 'right-ahead'],
    ['1.0.0-alpha', '1.0.0-beta', 'right-ahead'],
    ['2024-03-01', '2024-02-28', 'left-ahead'],
    ['RELEASE.2024-01-05T22-14-00Z', 'RELEASE.2024-02-01T00-00-00Z', 'right-ahead'],
    ['20240115', '20231231', 'left-ahead'],
  ])('%s against %s: %s', (left, right, order) => {
    expect(compareTags(left, right).order).toBe(order);
  });

  it.each([
    ['latest', '1.2.0', 'latest'],
    ['sha-4f2a9c1', 'sha-9e81b20', 'commit'],
    ['1.27-alpine', '1.27-bookworm', 'variantes'],
    ['2024-01-15', '1.4.0', 'date'],
  ])('%s against %s cannot be ordered, and says why (%s)', (left, right, why) => {
    const result = compareTags(left, right);
    expect(result.order).toBe('incomparable');
    expect(result.reason).toContain(why);
  });
});

describe('images', () => {
  it('orders two versions of one image, whatever registry default is written', () => {
    expect(compareImages('nginx:1.27.3', 'docker.io/library/nginx:1.27.2').order).toBe('left-ahead');
  });

  it('never orders digests, nor two different images', () => {
    const digest = compareImages('ghcr.io/x/app@sha256:aaaa', 'ghcr.io/x/app@sha256:bbbb');
    expect(digest).toMatchObject({ order: 'incomparable' });
    expect(digest.reason).toContain('empreinte');
    expect(compareImages('ghcr.io/x/app:1.2.0@sha256:aaaa', 'ghcr.io/x/app:1.2.0@sha256:bbbb').reason).toContain('même tag');
    expect(compareImages('ghcr.io/x/app:1.2.0', 'ghcr.io/y/app:1.3.0').reason).toContain('deux images différentes (ghcr.io/x/app, ghcr.io/y/app)');
  });

  it('reads the tag beside a digest', () => {
    expect(compareImages('ghcr.io/x/app:1.3.0@sha256:aaaa', 'ghcr.io/x/app:1.2.0@sha256:bbbb').order).toBe('left-ahead');
  });
});

describe('chart versions', () => {
  it('orders exact versions, not ranges nor a missing version', () => {
    expect(compareChartVersions('6.5.0', '6.4.0').order).toBe('left-ahead');
    const range = compareChartVersions('>=1.0.0-alpha', '>=1.0.0');
    expect(range.order).toBe('incomparable');
    expect(range.reason).toContain('plage de versions (>=1.0.0-alpha, >=1.0.0)');
    expect(compareChartVersions('1.x', '1.2.3').order).toBe('incomparable');
    expect(compareChartVersions(undefined, '1.2.3').reason).toContain('non fixée');
  });
});
