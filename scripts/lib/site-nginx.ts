// Serving a built site with the production nginx configuration (nginx/), for the e2e tests and the benchmark.
// Only what cannot be the same on this machine is adapted: listen address, root, and the /tmp/ paths.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toolSettings } from '../../src/site/settings.ts';
import { cspIncludeForDist } from './site-csp.ts';

export const NGINX_DIR = resolve(import.meta.dirname, '../../nginx');
/** What the image uses (Containerfile): checked by the adaptation, so the two cannot silently diverge. */
export const PRODUCTION_LISTEN = 'listen 8080;';
export const PRODUCTION_ROOT = 'root /usr/share/nginx/html;';

export interface LocalNginx {
  port: number;
  root: string;
  /** Temporary directory standing for /tmp (pid, temp files). */
  prefix: string;
}

function replaceOnce(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`nginx/nginx.conf : « ${from} » attendu une fois, trouvé ${count} fois.`);
  return text.replace(from, to);
}

/** The production nginx.conf with only the port, the root and the /tmp/ paths changed. */
export function adaptNginxConfig(conf: string, local: LocalNginx): string {
  // The /tmp/ paths first: the root given for the test may itself live under /tmp.
  const moved = conf.replaceAll(' /tmp/', ` ${local.prefix}/`);
  const listening = replaceOnce(moved, PRODUCTION_LISTEN, `listen 127.0.0.1:${local.port};`);
  return replaceOnce(listening, PRODUCTION_ROOT, `root ${local.root};`);
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface SiteServer {
  origin: string;
  /** The adapted configuration directory (nginx.conf, security-headers.conf, csp.conf, mime.types). */
  confDir: string;
  stop(): Promise<void>;
}

const NOBODY = 65534;

async function listening(origin: string, child: ChildProcess, stderr: () => string): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx s’est arrêté (code ${child.exitCode}) :\n${stderr()}`);
    const res = await fetch(`${origin}/healthz`).catch(() => undefined);
    if (res?.ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function waitUntilServing(origin: string, child: ChildProcess, stderr: () => string): Promise<void> {
  if (!(await listening(origin, child, stderr))) throw new Error(`nginx ne répond pas sur ${origin} :\n${stderr()}`);
  // /healthz reads no file: make sure the site itself can be read.
  const home = await fetch(`${origin}/`);
  if (!home.ok) throw new Error(`nginx répond ${home.status} pour / : le site n’est pas lisible par nginx :\n${stderr()}`);
}

/**
 * Starts Debian's nginx on 127.0.0.1 (free port) serving `distDir` with the production configuration and the CSP
 * computed from that build. Run as root, it drops to `nobody`, like the unprivileged image, and serves a copy of the
 * site in its own prefix: `distDir` may sit under a directory only root can read (a clone in `mktemp -d`).
 */
export async function startSiteServer(distDir: string, nginxBinary = toolSettings().nginx): Promise<SiteServer> {
  if (!existsSync(nginxBinary)) throw new Error(`nginx introuvable (${nginxBinary}) : apt-get install nginx, ou FFE_NGINX=<chemin>.`);
  const asRoot = process.getuid?.() === 0;
  const prefix = mkdtempSync(join(tmpdir(), 'ffe-nginx-'));
  const root = asRoot ? join(prefix, 'html') : resolve(distDir);
  if (asRoot) cpSync(resolve(distDir), root, { recursive: true });
  const port = await freePort();
  const conf = adaptNginxConfig(readFileSync(join(NGINX_DIR, 'nginx.conf'), 'utf8'), { port, root, prefix });
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  copyFileSync(join(NGINX_DIR, 'security-headers.conf'), join(prefix, 'security-headers.conf'));
  copyFileSync('/etc/nginx/mime.types', join(prefix, 'mime.types'));
  writeFileSync(join(prefix, 'csp.conf'), cspIncludeForDist(root));
  if (asRoot) {
    chmodSync(prefix, 0o755);
    chownSync(prefix, NOBODY, NOBODY);
  }
  let stderr = '';
  const child = spawn(nginxBinary, ['-e', 'stderr', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(origin, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, confDir: prefix, stop };
}
