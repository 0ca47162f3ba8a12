// The promise of <Ref>: renaming, in the manifests, a resource that a page cites makes `npm run build` fail and name
// that page. Runs one real build on a copy of the manifests with the cited resource renamed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { hasErrors, loadModel, type Resource } from '../../src/infra/index.ts';
import { resolveRef, type RefQuery } from '../../src/views/refs.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { copyManifests } from './lib/manifests-copy.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = join(ROOT, 'content/docs');

interface Citation {
  page: string;
  line: number;
  query: RefQuery;
}

function mdxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? mdxFiles(join(dir, entry.name)) : entry.name.endsWith('.mdx') ? [join(dir, entry.name)] : [],
  );
}

/** A page's text with code blanked out (code examples cite nothing), so that offsets still give the right lines. */
function proseOf(file: string): string {
  const blank = (code: string): string => code.replace(/[^\n]/g, ' ');
  return readFileSync(file, 'utf8').replace(/^\s*```[\s\S]*?^\s*```/gm, blank).replace(/`[^`\n]*`/g, blank);
}

/** Lines of the pages where a component names `name` (<Ref>, <ImageVersion>… all cite resources by name). */
function linesNaming(name: string): string[] {
  return mdxFiles(DOCS).flatMap((file) => {
    const prose = proseOf(file);
    return [...prose.matchAll(new RegExp(`<[A-Z]\\w*\\s[^>]*\\bname="${name}"`, 'g'))].map(
      (match) => `${relative(ROOT, file)}:${prose.slice(0, match.index).split('\n').length}`,
    );
  });
}

/** Every <Ref> of the pages, code examples left out (they cite nothing). */
function citations(): Citation[] {
  return mdxFiles(DOCS).flatMap((file) => {
    const prose = proseOf(file);
    return [...prose.matchAll(/<Ref\s([^>]*?)\/?>/g)].map((match) => {
      const attributes = Object.fromEntries([...match[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
      return {
        page: relative(ROOT, file),
        line: prose.slice(0, match.index).split('\n').length,
        query: { kind: attributes.kind!, namespace: attributes.namespace, name: attributes.name!, env: attributes.env },
      };
    });
  });
}

/** Renames the resource where it is written, in a copy of the manifests; false if it is not written as is there. */
function renameInCopy(copyRoot: string, resource: Resource, newName: string): boolean {
  const file = join(copyRoot, resource.source.path);
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  const target = documents.find((doc) => doc.get('kind') === resource.id.kind && doc.getIn(['metadata', 'name']) === resource.id.name);
  if (!target) return false;
  target.setIn(['metadata', 'name'], newName);
  writeFileSync(file, documents.map((doc) => doc.toString()).join(''));
  return true;
}

const work = mkdtempSync(join(tmpdir(), 'ffe-refs-rename-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('renaming a resource that a page cites', () => {
  it('makes the build fail, naming the page, the line and the old name', async () => {
    const model = await loadModel({ root: join(ROOT, 'manifests'), checks: [] });
    const copy = join(work, 'repo');
    const copiedManifests = copyManifests(copy);

    const cited = citations().flatMap((citation) => {
      const resolved = resolveRef(model, citation.query);
      return resolved.ok ? [{ ...citation, resource: resolved.resource }] : [];
    });
    expect(cited.length, 'aucune page ne cite de ressource avec <Ref>').toBeGreaterThan(0);
    // A resource whose renaming leaves the manifests without error: what stops the build must be the page (with
    // FFE_ALLOW_ERRORS=1, pages would be built with a « référence introuvable » marker instead).
    let renamed: (typeof cited)[number] | undefined;
    for (const c of cited) {
      const file = join(copy, c.resource.source.path);
      const original = readFileSync(file, 'utf8');
      if (!renameInCopy(copy, c.resource, `${c.resource.id.name}-renomme`)) continue;
      if (!hasErrors((await loadModel({ root: copiedManifests })).findings)) {
        renamed = c;
        break;
      }
      writeFileSync(file, original);
    }
    expect(renamed, 'aucune ressource citée ne peut être renommée sans erreur dans les manifestes').toBeDefined();
    const { resource } = renamed!;
    // The build stops at the first page it compiles that names the old resource, with <Ref> or another component.
    const citingLines = linesNaming(resource.id.name);

    // The copy is FFE's own manifests: its pages come with it (FFE_PAGES), as they do on FFE's site.
    const build = await buildSite(join(work, 'dist'), { FFE_MANIFESTS: copiedManifests, FFE_PAGES: DOCS });
    const { output } = build;

    expect(build.code, output).not.toBe(0);
    const located = new RegExp(`(${citingLines.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}):\\d+ — <[A-Z]\\w* [^\\n]*name="${resource.id.name}"`);
    expect(output).toMatch(located);
    expect(output).toMatch(new RegExp(`vouliez-vous dire [^?\\n]*« ${resource.id.name}-renomme »`));
  }, 360_000);
});
