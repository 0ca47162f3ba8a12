// A generator of synthetic infrastructures for the benchmark: realistic, valid applications (ten objects each) that
// exercise relations and checks, grouped ten to a namespace, one file per application.

export interface SyntheticFile {
  path: string;
  text: string;
}

const PER_APP = 10;
const APPS_PER_NAMESPACE = 10;

function app(ns: string, name: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}, labels: {app: ${name}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: ghcr.io/synthetic/${name}:1.0.0
          ports: [{name: http, containerPort: 8080}]
          envFrom: [{configMapRef: {name: ${name}}}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          readinessProbe: {httpGet: {path: /ready, port: http}}
          livenessProbe: {httpGet: {path: /live, port: http}}
          volumeMounts: [{name: data, mountPath: /data}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: ${name}}}]
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: ${ns}}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${ns}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: ${ns}}
spec:
  rules:
    - host: ${name}.${ns}.example.org
      http:
        paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {name: http}}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {app: ${name}}}
  ingress: [{ports: [{port: 8080}]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}, namespace: ${ns}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}
  minReplicas: 2
  maxReplicas: 5
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: ${name}, namespace: ${ns}}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: ${name}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${name}, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: ${name}, namespace: ${ns}}]
`;
}

/** About `resources` objects (rounded up to whole applications), one file per application. */
export function syntheticInfrastructure(resources: number): SyntheticFile[] {
  const apps = Math.max(1, Math.ceil(resources / PER_APP));
  const files: SyntheticFile[] = [];
  for (let i = 0; i < apps; i++) {
    const ns = `team-${String(Math.floor(i / APPS_PER_NAMESPACE)).padStart(4, '0')}`;
    files.push({ path: `${ns}/app-${String(i).padStart(5, '0')}.yaml`, text: app(ns, `app-${String(i).padStart(5, '0')}`) });
  }
  return files;
}

export const RESOURCES_PER_APP = PER_APP;
