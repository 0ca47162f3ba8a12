// Diagrams ship lean: mermaid's float-heavy coordinates are rounded, nothing a reader or a screen reader uses is lost.
import { describe, expect, it } from 'vitest';
import { compactSvg } from '../../src/render/mermaid.ts';

const drawn =
  '<svg id="d-light" viewBox="4 4 1621.2109375 1621.10107421875" aria-labelledby="d-light-title" role="graphics-document document">' +
  '<title id="d-light-title">Vue d’ensemble</title><style>#d-light .node rect{fill:#cfd4fc;}</style>' +
  '<a href="/infra/production/ffe-docs/deployment/site/"><g class="node" transform="translate(438.296875, 264.9000015258789)">' +
  '<path d="M-102.0703429728512 -23.299999237060547 C-30.916622046035755 -23.299999237060547, 40.23709888077968 -23.299999237060547, 102.0703429728512 -23.299999237060547"/>' +
  '</g></a></svg>';

describe('compacted diagrams', () => {
  const compact = compactSvg(drawn);

  it('are smaller, with coordinates rounded', () => {
    expect(compact.length).toBeLessThan(drawn.length * 0.8);
    expect(compact).not.toMatch(/\d\.\d{3,}/);
  });

  it('keep their ids, accessible name, styles and links', () => {
    expect(compact).toContain('id="d-light"');
    expect(compact).toContain('aria-labelledby="d-light-title"');
    expect(compact).toContain('<title id="d-light-title">Vue d’ensemble</title>');
    expect(compact).toContain('#d-light .node rect{fill:#cfd4fc;}');
    expect(compact).toContain('href="/infra/production/ffe-docs/deployment/site/"');
  });
});
