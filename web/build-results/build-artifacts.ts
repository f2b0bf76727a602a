// The tab's one reach into Azure DevOps: the build's artifacts through azure-devops-extension-api's
// BuildRestClient (the host's location service gives the organization URL, the SDK the user's access
// token; the manifest's vso.build scope covers both calls). Like api.ts, the only module of its page
// that talks to the host, so the page's components take plain data.
import { getClient } from 'azure-devops-extension-api';
import { BuildRestClient } from 'azure-devops-extension-api/Build';
import { CODE_ANALYSIS_ARTIFACT, sarifFilesFromZip, type SarifFile } from './build-scan';

export type ArtifactRead = { kind: 'missing' } | { kind: 'found'; files: SarifFile[] };

/** The .sarif files of the build's CodeAnalysisLogs artifact, or missing when the build published none. */
export async function readCodeAnalysisLogs(projectId: string, buildId: number): Promise<ArtifactRead> {
  const client = getClient(BuildRestClient);
  const artifacts = await client.getArtifacts(projectId, buildId);
  const artifact = artifacts.find((a) => a.name.toLowerCase() === CODE_ANALYSIS_ARTIFACT.toLowerCase());
  if (!artifact) return { kind: 'missing' };
  const zip = await client.getArtifactContentZip(projectId, buildId, artifact.name);
  return { kind: 'found', files: sarifFilesFromZip(new Uint8Array(zip)) };
}
