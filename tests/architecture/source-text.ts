// Source text as the architecture rules about kinds read it: code without comments, strings blanked or kept, and
// which files those rules leave alone.

/** Where reading a kind's fields, and listing kinds, belongs. */
export const PARSERS = 'src/infra/kinds/';

/**
 * Code that writes objects rather than reads them, which the rules about kinds leave alone: the drift fixtures'
 * generator plays the API server and the controllers (it fills in defaults, makes the Pods of a Deployment, gives
 * managedFields to the kinds people edit by hand), so it sets `spec` fields of the objects it makes.
 */
export const WRITERS = new Set(['scripts/lib/snapshot-fixture.ts']);

/**
 * Source text with comments removed and every string literal blanked — but for `'spec'` itself, kept so that a path
 * naming it (`['spec', 'replicas']`, `at('spec')`) is seen — unless `keepStrings`. Interpolations of template literals
 * stay code.
 */
export function codeOf(text: string, options: { keepStrings?: boolean } = {}): string {
  let out = '';
  let i = 0;
  const braces: number[] = [];
  const literal = (quote: string): void => {
    let j = i + 1;
    while (j < text.length && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    const body = text.slice(i + 1, j);
    out += quote + (body === 'spec' || options.keepStrings ? body : ' '.repeat(body.length)) + quote;
    i = j + 1;
  };
  const template = (): void => {
    // From after a backtick or a closing `}` of an interpolation, to the next backtick or `${`.
    while (i < text.length && text[i] !== '`') {
      if (text[i] === '\\') {
        out += '  ';
        i += 2;
      } else if (text[i] === '$' && text[i + 1] === '{') {
        out += '${';
        i += 2;
        braces.push(0);
        return;
      } else {
        out += text[i] === '\n' ? '\n' : ' ';
        i++;
      }
    }
    out += '`';
    i++;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"') {
      literal(c);
    } else if (c === '`') {
      out += '`';
      i++;
      template();
    } else if (c === '{' && braces.length > 0) {
      braces[braces.length - 1]++;
      out += c;
      i++;
    } else if (c === '}' && braces.length > 0 && braces[braces.length - 1] === 0) {
      braces.pop();
      out += '}';
      i++;
      template();
    } else {
      if (c === '}' && braces.length > 0) braces[braces.length - 1]--;
      out += c;
      i++;
    }
  }
  return out;
}

