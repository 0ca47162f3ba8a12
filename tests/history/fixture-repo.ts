// A small GitOps repository with a scripted history, made by the tests (git init, then one commit per step): two
// environments under manifests/clusters/, then an image bump, a replica change, a new application, a removed one, a
// host change, a commit that only touches prose, one that only reformats YAML. The tests say what each must yield.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

interface Shop {
  image: string;
  replicas: number;
  host: string;
  /** The YAML as formatted by a tidier hand: a comment, keys in another order (same objects). */
  tidy?: boolean;
}

function shop(env: string, s: Shop): string {
  const deployment = s.tidy
    ? `# The shop's front end.
kind: Deployment
apiVersion: apps/v1
metadata:
  namespace: shop
  name: web
spec:
  replicas: ${s.replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ${s.image}
          ports: [{ containerPort: 8080, name: http }]
          resources:
            limits: { memory: 128Mi }
            requests: { memory: 64Mi, cpu: 50m }
`
    : `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: ${s.replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: ${s.image}
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
`;
  return `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
${deployment}---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  rules:
    - host: ${s.host}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
  tls:
    - hosts: [${s.host}]
      secretName: web-tls-${env}
`;
}

const WORKER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: ghcr.io/example/shop-worker:2.4.1
`;

const BLOG = `apiVersion: v1
kind: Namespace
metadata:
  name: blog
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ghost
  namespace: blog
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ghost
  template:
    metadata:
      labels:
        app: ghost
    spec:
      containers:
        - name: ghost
          image: ghost:latest
---
apiVersion: v1
kind: Service
metadata:
  name: ghost
  namespace: blog
spec:
  selector:
    app: ghost
  ports:
    - port: 80
      targetPort: 2368
`;

type Files = Record<string, string | null>;

export interface Step {
  /** Short name the tests use. */
  name: 'initial' | 'image' | 'replicas' | 'blog' | 'worker' | 'host' | 'prose' | 'format';
  subject: string;
  files: Files;
}

const PRODUCTION = 'manifests/clusters/production';
const STAGING = 'manifests/clusters/staging';
const SHOP = { image: 'nginx:1.27.0', replicas: 2, host: 'shop.example.org' };
const STAGING_SHOP = { image: 'nginx:1.27.0', replicas: 1, host: 'staging.shop.example.org' };

export const STEPS: Step[] = [
  {
    name: 'initial',
    subject: 'Initial infrastructure: the shop in production and staging',
    files: {
      'README.md': '# Infrastructure\n',
      [`${PRODUCTION}/shop.yaml`]: shop('production', SHOP),
      [`${PRODUCTION}/worker.yaml`]: WORKER,
      [`${STAGING}/shop.yaml`]: shop('staging', STAGING_SHOP),
      [`${STAGING}/worker.yaml`]: WORKER,
    },
  },
  { name: 'image', subject: 'Bump nginx to 1.27.3 in production', files: { [`${PRODUCTION}/shop.yaml`]: shop('production', { ...SHOP, image: 'nginx:1.27.3' }) } },
  { name: 'replicas', subject: 'Scale the shop to 3 replicas', files: { [`${PRODUCTION}/shop.yaml`]: shop('production', { ...SHOP, image: 'nginx:1.27.3', replicas: 3 }) } },
  { name: 'blog', subject: 'Add the blog', files: { [`${PRODUCTION}/blog.yaml`]: BLOG } },
  { name: 'worker', subject: 'Remove the worker', files: { [`${PRODUCTION}/worker.yaml`]: null, [`${STAGING}/worker.yaml`]: null } },
  {
    name: 'host',
    subject: 'Move the shop to boutique.example.org',
    files: { [`${PRODUCTION}/shop.yaml`]: shop('production', { ...SHOP, image: 'nginx:1.27.3', replicas: 3, host: 'boutique.example.org' }) },
  },
  {
    name: 'prose',
    subject: 'Docs: explain the layout',
    files: { 'README.md': '# Infrastructure\n\nOne folder per cluster under manifests/clusters.\n', 'manifests/README.md': 'Production and staging.\n' },
  },
  { name: 'format', subject: 'Tidy the staging YAML', files: { [`${STAGING}/shop.yaml`]: shop('staging', { ...STAGING_SHOP, tidy: true }) } },
];

export interface FixtureRepository {
  dir: string;
  manifests: string;
  /** Commit id of each step. */
  sha: Record<Step['name'], string>;
  remove(): void;
}

export function git(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', ['-c', 'user.name=Alice Martin', '-c', 'user.email=alice@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...env },
  }).trim();
}

export function writeFiles(dir: string, files: Files): void {
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    if (text === null) rmSync(file);
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
}

/** The repository, each step one commit, a day apart (Git's dates, fixed: the history is the same on every run). */
export function createFixtureRepository(): FixtureRepository {
  const dir = mkdtempSync(join(tmpdir(), 'ffe-history-repo-'));
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(dir, ['remote', 'add', 'origin', 'git@github.com:alice/infra.git']);
  const sha = {} as Record<Step['name'], string>;
  STEPS.forEach((step, index) => {
    writeFiles(dir, step.files);
    git(dir, ['add', '-A']);
    const date = `2025-03-${String(index + 1).padStart(2, '0')}T09:30:00+01:00`;
    git(dir, ['commit', '--quiet', '-m', step.subject], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    sha[step.name] = git(dir, ['rev-parse', 'HEAD']);
  });
  return { dir, manifests: join(dir, 'manifests'), sha, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
