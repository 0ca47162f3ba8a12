import { describe, expect, it } from 'vitest';
import { decodeManifest, parseManifest } from '../../src/infra/parse.ts';

const codes = (text: string, options = {}) => parseManifest('f.yaml', text, options).findings.map((f) => f.code);

describe('reading YAML files', () => {
  it('reads every document of a multi-document file, each with the line it starts on', () => {
    const text = '# head\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    const { documents, findings } = parseManifest('f.yaml', text);
    expect(findings).toEqual([]);
    expect(documents.map((d) => [d.object.metadata?.name, d.source.line])).toEqual([
      ['a', 2],
      ['b', 7],
    ]);
  });

  it('expands kind: List into its items, each located on its own line', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n';
    const { documents } = parseManifest('f.yaml', text);
    expect(documents.map((d) => [d.object.metadata?.name, d.source.line])).toEqual([
      ['a', 4],
      ['b', 7],
    ]);
  });

  it('tolerates a byte order mark and Windows line endings', () => {
    const text = '\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  a: "x"\r\n';
    const { documents, findings } = parseManifest('f.yaml', text);
    expect(findings).toEqual([]);
    expect(documents[0].object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crlf' }, data: { a: 'x' } });
  });

  it('reports invalid YAML with line and column, and keeps the valid documents of the file', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nkey: [unclosed\nother: 1\n';
    const { documents, findings } = parseManifest('f.yaml', text);
    expect(documents).toHaveLength(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'FFE-E-YAML', severity: 'error', location: { path: 'f.yaml' } });
    expect(findings[0].location?.line).toBeGreaterThanOrEqual(5);
    expect(findings[0].location?.column).toBeTypeOf('number');
  });

  it('names a duplicated key and where the second one is', () => {
    const { findings } = parseManifest('f.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n');
    expect(findings).toEqual([expect.objectContaining({ code: 'FFE-E-YAML-DUPLICATE-KEY', location: { path: 'f.yaml', line: 5, column: 3 } })]);
    expect(findings[0].message).toContain('« name »');
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const { documents, findings } = parseManifest('bomb.yaml', text);
    expect(documents).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['FFE-E-YAML-ALIAS']);
  });

  it('still accepts a few ordinary aliases', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: &l {app: a}}\ndata: {copy: *l}\n';
    expect(codes(text)).toEqual([]);
  });

  it('refuses a file over the size limit without parsing it', () => {
    expect(codes('a: 1\n'.repeat(100), { maxBytes: 100 })).toEqual(['FFE-E-YAML-TOO-LARGE']);
  });

  it('reports each missing identity field on the line of its object', () => {
    const text = 'kind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}\n';
    const { findings } = parseManifest('f.yaml', text);
    expect(findings.map((f) => [f.code, f.location?.line])).toEqual([
      ['FFE-E-MISSING-APIVERSION', 1],
      ['FFE-E-MISSING-KIND', 4],
      ['FFE-E-MISSING-NAME', 7],
    ]);
  });

  it('skips a values file with a single notice', () => {
    const { documents, findings } = parseManifest('values.yaml', 'replicaCount: 2\n---\nimage: {tag: "1"}\n');
    expect(documents).toEqual([]);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['FFE-N-NOT-KUBERNETES', 'notice']]);
  });

  it('treats a Helm Chart.yaml and kustomization files as configuration, not as broken objects', () => {
    expect(codes('apiVersion: v2\nname: demo\nversion: 0.1.0\n')).toEqual(['FFE-N-NOT-KUBERNETES']);
    expect(codes('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n')).toEqual([]);
  });

  it('skips a Helm template with a warning on the first template line', () => {
    const { documents, findings } = parseManifest('t.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x" . }}\n');
    expect(documents).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ code: 'FFE-W-HELM-TEMPLATE', severity: 'warning', location: { path: 't.yaml', line: 4 } })]);
  });

  it('does not mistake alerting-rule templates for Helm', () => {
    const text = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: Down\n          expr: up == 0\n          annotations:\n            summary: "{{ $labels.instance }} est injoignable"\n';
    expect(codes(text)).toEqual([]);
  });

  it('refuses nesting deeper than the parser supports with a French message, never a stack overflow', () => {
    for (const depth of [200, 5000]) {
      const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      const { documents, findings } = parseManifest('deep.yaml', text);
      expect(documents).toEqual([]);
      expect(findings).toEqual([expect.objectContaining({ code: 'FFE-E-YAML-TOO-DEEP', severity: 'error' })]);
      expect(findings[0].message).toContain('Imbrication trop profonde');
      expect(findings[0].message).not.toMatch(/stack/i);
    }
  });

  it('keeps documents nested as deep as real manifests go', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(60)}${']'.repeat(60)}\n`;
    expect(parseManifest('deep.yaml', text).documents).toHaveLength(1);
  });
});

describe('decoding a file', () => {
  it('reads UTF-8 text', () => {
    expect(decodeManifest('a.yaml', new TextEncoder().encode('name: café\n'))).toEqual({ text: 'name: café\n' });
  });

  it.each([
    ['binary bytes', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe, 0x00, 0x01])],
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00])],
    ['a NUL byte in ASCII', new TextEncoder().encode('a: 1\n\u0000b: 2\n')],
  ])('names the file when it is %s, not text', (_what, bytes) => {
    const result = decodeManifest('bin.yaml', bytes);
    expect(result).toEqual({ finding: expect.objectContaining({ code: 'FFE-E-NOT-TEXT', severity: 'error', location: { path: 'bin.yaml', line: 1 } }) });
  });
});
