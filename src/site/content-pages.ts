// Which file each content page of the build was made from (address → path relative to the project): noted by a route
// middleware as each page renders (links-middleware.ts), read by the integration that checks the built pages'
// links (links-plugin.ts). One per build, kept by the build session (session.ts).
import { compareText } from '../infra/index.ts';

export class ContentPages {
  private readonly pages = new Map<string, string>();

  record(pathname: string, file: string): void {
    this.pages.set(pathname, file);
  }

  /** Address → source file, in address order. */
  all(): Map<string, string> {
    return new Map([...this.pages].sort(([a], [b]) => compareText(a, b)));
  }

  clear(): void {
    this.pages.clear();
  }
}
