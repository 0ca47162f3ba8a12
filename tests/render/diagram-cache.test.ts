// The drawings kept between builds (src/render/diagram-cache.ts): a warm build draws nothing it drew before, never
// shows a stale drawing, and a cache it cannot use costs a warning, not the build.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagramCacheKey, diskCache, NO_CACHE, type Drawn } from '../../src/render/diagram-cache.ts';
import type { DiagramSource } from '../../src/render/mermaid.ts';

const diagram: DiagramSource = { id: 'web/flow', code: 'flowchart LR\n  a --> b', title: 'Flux', description: 'Du service au pod.' };
const drawn: Drawn = { svg: '<svg id="d-web-flow"></svg>', width: 320, height: 80, graph: { nodes: [], edges: [], groups: [] } };

const dirs: string[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ffe-diagram-cache-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the key of a drawing', () => {
  it('changes with everything that changes the bytes drawn, and only with that', () => {
    const key = diagramCacheKey(diagram, '12.3.0');
    expect(diagramCacheKey({ ...diagram }, '12.3.0')).toBe(key);
    const changed = [
      diagramCacheKey({ ...diagram, code: `${diagram.code}\n  b --> c` }, '12.3.0'),
      diagramCacheKey({ ...diagram, id: 'web/other' }, '12.3.0'),
      diagramCacheKey({ ...diagram, title: 'Autre titre' }, '12.3.0'),
      diagramCacheKey({ ...diagram, description: '' }, '12.3.0'),
      diagramCacheKey({ ...diagram, readGraph: true }, '12.3.0'),
      diagramCacheKey(diagram, '12.4.0'),
    ];
    expect(new Set([key, ...changed]).size).toBe(changed.length + 1);
  });
});

describe('the disk cache', () => {
  it('gives back what it kept, and nothing for a key it never kept', async () => {
    const cache = diskCache(path.join(await folder(), 'diagrams'), () => {});
    expect(await cache.read('absent')).toBeUndefined();
    await cache.write('k1', drawn);
    expect(await cache.read('k1')).toEqual(drawn);
    const { graph: _graph, ...withoutGraph } = drawn;
    await cache.write('k2', withoutGraph);
    expect(await cache.read('k2')).toEqual(withoutGraph);
  });

  it('leaves no half-written file behind', async () => {
    const dir = await folder();
    const cache = diskCache(dir, () => {});
    await Promise.all(['a', 'b', 'c'].map((key) => cache.write(key, drawn)));
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('draws again rather than show an entry it cannot read', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, 'broken.json'), '{"svg": "<svg');
    await writeFile(path.join(dir, 'old.json'), JSON.stringify({ svg: '<svg></svg>' }));
    const cache = diskCache(dir, () => {});
    expect(await cache.read('broken')).toBeUndefined();
    expect(await cache.read('old')).toBeUndefined();
  });

  it('warns, in French, when it cannot write, and goes on', async () => {
    const file = path.join(await folder(), 'a-file');
    await writeFile(file, '');
    const warnings: string[] = [];
    const cache = diskCache(path.join(file, 'diagrams'), (message) => warnings.push(message));
    await expect(cache.write('k', drawn)).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('le cache des diagrammes');
  });

  it('can be none at all', async () => {
    await NO_CACHE.write('k', drawn);
    expect(await NO_CACHE.read('k')).toBeUndefined();
  });
});
