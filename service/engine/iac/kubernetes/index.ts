// Kubernetes objects as resources (plain manifests here; Helm and Kustomize build objects and hand them in).
export { kubernetesLoader, parseManifest } from './loader';
export { isClusterScoped, isKubernetesObject, kubernetesResources, objectResource, skipsFromAnnotations } from './resources';
export type { AttributeLine, KubernetesPlatform, KubernetesResourceOptions, ObjectPlacement } from './resources';
export { CONTAINER_KINDS, containers, podMetadataPath, podSpec, podSpecPath, WORKLOAD_KINDS } from './pod';
export type { ContainerAt, ContainerKind, PodSpec } from './pod';
