// The explicit list of platform loaders, in the order they run: loaders that read whole folders
// (Terraform modules, Helm charts, Kustomize overlays) come first and claim the files they consume,
// then the per-file platforms read what is left.
import { cloudFormationLoader } from './cloudformation/loader';
import { terraformLoader } from './terraform/loader';
import { serverlessLoader } from './serverless/loader';
import type { PlatformLoader } from './types';

export const platformLoaders: readonly PlatformLoader[] = [terraformLoader, cloudFormationLoader, serverlessLoader];
