// The overlay reader publishes what it reads (comments become reasons on the site): it reads nothing outside the
// repository, whatever a kustomization names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OverlayReader } from '../../src/infra/compare/overlay-file.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-overlay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the overlay reader', () => {
  it('reads env files and patches inside the repository only', () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, 'app'), { recursive: true });
    writeFileSync(join(work, 'outside.env'), '# a secret reason from outside\nLEAKED=1\n');
    writeFileSync(join(work, 'outside-patch.yaml'), '# outside\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  LEAKED: "1"\n');
    writeFileSync(join(repo, 'app', 'inside.env'), '# why this key\nINSIDE=1\n');
    writeFileSync(
      join(repo, 'app', 'kustomization.yaml'),
      [
        'configMapGenerator:',
        '  - name: cfg',
        '    envs:',
        '      - inside.env',
        '      - ../../outside.env',
        'patches:',
        '  - path: ../../outside-patch.yaml',
        '',
      ].join('\n'),
    );
    const entries = new OverlayReader(repo).kustomization(join(repo, 'app', 'kustomization.yaml'))!;
    expect([...entries.generators[0].keys.keys()]).toEqual(['INSIDE']);
    expect(entries.generators[0].keys.get('INSIDE')).toMatchObject({ path: 'app/inside.env', line: 2, reason: 'why this key' });
    expect(JSON.stringify(entries.patches)).not.toContain('outside');
    expect(entries.patches[0].touches).toEqual([{ path: [], at: expect.objectContaining({ path: 'app/kustomization.yaml', line: 7 }) }]);
  });
});
