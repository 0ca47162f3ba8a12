// What a build prints when a diagram cannot be drawn: Astro's own error (a message and a hint, in French, with the
// file and line when known), never a stack trace of the renderer.
import { AstroError } from 'astro/errors';
import { DiagramSetupError } from './chromium.ts';
import { DiagramRenderError } from './mermaid.ts';

export interface DiagramErrorPlace {
  /** A file and line an author can open (`content/docs/architecture/site.mdx:26`). */
  location?: string;
  /** That line, for the MDX compiler, which shows it as the error's location. */
  line?: number;
  /** What the author can do about a mermaid syntax error at that place. */
  hint?: string;
}

const SETUP_HINT =
  'Installez le paquet Debian « chromium » (apt-get install chromium) ou indiquez le chemin du navigateur dans ' +
  'FFE_CHROMIUM. FFE_DIAGRAMS=client laisse les schémas au navigateur du lecteur, au prix de pages plus lourdes.';

const GENERATED_HINT =
  'Ce schéma est calculé depuis les manifestes (src/views) : relancez avec FFE_DIAGRAMS=client pour voir le texte ' +
  'mermaid dans la page, et signalez l’erreur avec ce texte.';

/** The AstroError to throw instead of `error` when it is one of the renderer's; anything else is returned as is. */
export function diagramBuildError(error: unknown, place: DiagramErrorPlace = {}): unknown {
  const where = place.location ? `${place.location} : ` : '';
  let astroError: AstroError | undefined;
  if (DiagramRenderError.is(error)) {
    astroError = new AstroError(`${where}${error.message}`, place.hint ?? GENERATED_HINT);
  } else if (DiagramSetupError.is(error)) {
    // The machine, not the page, is at fault: no location.
    astroError = new AstroError(error.message, error.hint ?? SETUP_HINT);
  }
  if (!astroError) return error;
  // Astro prints a stack trace whenever the error has one: the message and the hint say all there is to say. (The MDX
  // compiler captures a new one, of its own frames: given the line, Astro shows the file and line instead.)
  astroError.stack = '';
  if (place.line !== undefined) Object.assign(astroError, { line: place.line, column: 1 });
  return astroError;
}

/**
 * The MDX compiler rethrows a plugin's error with a stack of its own frames, which Astro's build prints. So during a
 * build, a hand-written block's error is kept here, the page compiles with the error in place of the figure, and the
 * build stops once the pages are generated (src/site/diagrams.ts), with the message and hint alone. The dev server
 * shows it at once, in its overlay. One per build, handed to the Markdown plugin and the diagrams' integration.
 */
export class DeferredDiagramErrors {
  private kept: unknown[] | undefined;

  /** From now on (a build), errors of Markdown blocks wait for `take`. */
  defer(): void {
    this.kept ??= [];
  }

  /** Keeps the error for later if errors are deferred; false if it must be thrown now. */
  keep(error: unknown): boolean {
    if (!this.kept) return false;
    this.kept.push(error);
    return true;
  }

  /** The kept errors as one, ready to throw (undefined if none); errors are no longer deferred after this. */
  take(): unknown {
    const deferred = this.kept ?? [];
    this.kept = undefined;
    if (deferred.length <= 1) return deferred[0];
    const first = deferred[0] as AstroError;
    const all = new AstroError(deferred.map((e) => (e as Error).message).join('\n\n'), first.hint);
    all.stack = '';
    return all;
  }
}
