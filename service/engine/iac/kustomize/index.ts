// Kustomize overlays built like `kustomize build` and loaded as Kubernetes resources.
export { kustomizeLoader } from './loader';
export { buildKustomization, isRemote, kustomizationIn, type BuildResult, type KustomizeTree } from './build';
