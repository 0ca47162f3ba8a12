// What a build prints when a diagram fails: Astro's error, a French message and what to do, no stack trace.
import { describe, expect, it } from 'vitest';
import { DiagramSetupError, parseDiagramMode } from '../../src/render/chromium.ts';
import { DeferredDiagramErrors, diagramBuildError } from '../../src/render/errors.ts';
import { DiagramRenderError } from '../../src/render/mermaid.ts';

describe('a diagram error at build time', () => {
  it('becomes Astro’s error with the place, mermaid’s message, a hint and no stack', () => {
    const error = diagramBuildError(new DiagramRenderError('mdx-site-1', 'Parse error on line 3'), {
      location: 'content/docs/architecture/site.mdx:26',
      line: 26,
      hint: 'Corrigez la syntaxe du bloc.',
    });
    expect(error).toMatchObject({
      name: 'AstroUserError',
      message: 'content/docs/architecture/site.mdx:26 : Le diagramme « mdx-site-1 » n’a pas pu être dessiné par mermaid : Parse error on line 3',
      hint: 'Corrigez la syntaxe du bloc.',
      stack: '',
      line: 26,
    });
  });

  it('is recognised when it comes from the other copy of the renderer module (config and pages are two graphs)', () => {
    const foreign = Object.assign(new Error('Le diagramme « x » n’a pas pu être dessiné par mermaid : …'), { name: 'DiagramRenderError', diagramId: 'x' });
    expect(diagramBuildError(foreign)).toMatchObject({ name: 'AstroUserError', hint: expect.stringContaining('src/views') });
  });

  it('says how to fix the machine for a setup error, or the setting when that is the fault', () => {
    expect(diagramBuildError(new DiagramSetupError('Chromium est introuvable.'))).toMatchObject({ hint: expect.stringContaining('apt-get install chromium') });
    let setting: unknown;
    try {
      parseDiagramMode('peut-être');
    } catch (error) {
      setting = diagramBuildError(error);
    }
    expect(setting).toMatchObject({ message: expect.stringContaining('« peut-être »'), hint: expect.stringContaining('Corrigez la valeur de FFE_DIAGRAMS') });
  });

  it('leaves any other error as it is', () => {
    const other = new TypeError('autre chose');
    expect(diagramBuildError(other)).toBe(other);
  });
});

describe('errors of Markdown blocks during a build', () => {
  it('wait until the pages are generated, then come out together, still without a stack', () => {
    const deferred = new DeferredDiagramErrors();
    expect(deferred.keep(new Error('tout de suite'))).toBe(false);
    deferred.defer();
    const first = diagramBuildError(new DiagramRenderError('a', 'un'), { hint: 'Corrigez.' });
    const second = diagramBuildError(new DiagramRenderError('b', 'deux'));
    expect(deferred.keep(first)).toBe(true);
    expect(deferred.keep(second)).toBe(true);
    expect(deferred.take()).toMatchObject({
      message: expect.stringMatching(/« a ».*un\n\n.*« b ».*deux/s),
      hint: 'Corrigez.',
      stack: '',
    });
    expect(deferred.take()).toBeUndefined();
    expect(deferred.keep(new Error('de nouveau tout de suite'))).toBe(false);
  });
});
