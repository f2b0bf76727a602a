// The explicit list of platform loaders, in the order they run: loaders that read whole folders
// (Terraform modules, Helm charts, Kustomize overlays) come first and claim the files they consume,
// then the per-file platforms read what is left.
import { cloudFormationLoader } from './cloudformation/loader';
import { armLoader } from './arm/loader';
import { bicepLoader } from './bicep/loader';
import { serverlessLoader } from './serverless/loader';
import { terraformLoader } from './terraform/loader';
import { dockerfileLoader } from './dockerfile/loader';
import { openApiLoader } from './openapi/loader';
import { kubernetesLoader } from './kubernetes/loader';
import { helmLoader } from './helm/loader';
import { kustomizeLoader } from './kustomize/loader';
import type { PlatformLoader } from './types';

export const platformLoaders: readonly PlatformLoader[] = [terraformLoader, helmLoader, kustomizeLoader, cloudFormationLoader, serverlessLoader, armLoader, bicepLoader, kubernetesLoader, dockerfileLoader, openApiLoader];
