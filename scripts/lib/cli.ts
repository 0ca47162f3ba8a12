// Small helpers shared by the command-line scripts: terminal colour and the "internal bug" one-liner.
import { styleText } from 'node:util';
import { toolSettings } from '../../src/site/settings.ts';

export type Style = 'red' | 'yellow' | 'green' | 'dim' | 'bold';

/** Colour only for a terminal that wants it (NO_COLOR, FORCE_COLOR respected by styleText itself). */
export function painter(stream: NodeJS.WriteStream): (style: Style, text: string) => string {
  return (style, text) => styleText(style, text, { stream });
}

export const REPORT_BUG_HINT = 'Signalez-le en ouvrant un ticket sur le dépôt, avec la commande lancée et ce message.';

/** An unexpected exception is our bug, not the user's input: one line, and how to report it. */
export function internalErrorLine(script: string, error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  return `${script} : erreur interne (bogue de FFE) — ${message}. ${REPORT_BUG_HINT}`;
}

/** Runs a script's main; exits 2 with one line on an internal error. */
export function runMain(script: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${internalErrorLine(script, error)}\n`);
      if (toolSettings().debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 2;
    },
  );
}

/** A command's answer to `--help` or to arguments it cannot use, as an exit code; undefined when it can go on. */
export function usageExit(script: string, usage: string, args: { help: boolean; problems: readonly string[] }): number | undefined {
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (args.problems.length > 0) {
    process.stderr.write(`${args.problems.map((p) => `${script} : ${p}.`).join('\n')}\n\n${usage}\n`);
    return 2;
  }
  return undefined;
}
