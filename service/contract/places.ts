// Where a finding or result sits, in words and as a link into Azure DevOps: the one mapping that
// SARIF, the API and the hub pages share. No dependency beyond the model's types.
import type { Location } from './model';
import { ADO_OBJECT_LABELS } from './vocabulary';

/** The repository a location's file belongs to, as far as a link needs it. */
export interface RepositoryRef {
  /** The repository's page in the ADO web UI (https://dev.azure.com/org/project/_git/repo). */
  webUrl?: string;
  /** The commit the location was seen at; links pin to it when known. */
  commitSha?: string;
}

/** The path of the file a location sits in, or undefined for an ADO object. */
export function locationPath(loc: Location): string | undefined {
  return loc.kind === 'ado-object' ? undefined : loc.path;
}

/** The 1-based line of a location, or undefined when it has none (ADO objects, whole manifests). */
export function locationLine(loc: Location): number | undefined {
  return loc.kind === 'ado-object' ? undefined : loc.line;
}

/** "src/app.ts:42" (a line of 0 or none means the whole file). */
function pathWithLine(path: string, line: number | undefined): string {
  return line !== undefined && line > 0 ? `${path}:${line}` : path;
}

/**
 * One line of text for a location:
 * file      `src/app.ts:42`
 * resource  `main.tf:12 azurerm_storage_account.logs › min_tls_version`
 * package   `lodash@4.17.20 in package-lock.json:88`
 * ado       `Pipeline deploy-prod (Storefront)`
 */
export function locationText(loc: Location): string {
  switch (loc.kind) {
    case 'file':
      return pathWithLine(loc.path, loc.line);
    case 'resource':
      return `${pathWithLine(loc.path, loc.line)} ${loc.address}${loc.attribute ? ` › ${loc.attribute}` : ''}`;
    case 'package':
      return `${loc.name}@${loc.version} in ${pathWithLine(loc.path, loc.line)}`;
    case 'ado-object':
      return `${ADO_OBJECT_LABELS[loc.objectKind]} ${loc.name || loc.id}${loc.project && loc.objectKind !== 'project' ? ` (${loc.project.name})` : ''}`;
  }
}

/** A link to the location in the Azure DevOps web UI: the file at that line and commit, or the object. */
export function locationWebUrl(loc: Location, repo?: RepositoryRef): string | undefined {
  if (loc.kind === 'ado-object') return loc.url;
  if (!repo?.webUrl) return undefined;
  return fileWebUrl(repo.webUrl, loc.path, loc.line, repo.commitSha);
}

/** The file at a line in the ADO web UI (`?path=/x&version=GC<sha>&line=…`). */
function fileWebUrl(repoWebUrl: string, path: string, line: number | undefined, commitSha?: string): string | undefined {
  let u: URL;
  try {
    u = new URL(repoWebUrl);
  } catch {
    return undefined;
  }
  u.searchParams.set('path', `/${path}`);
  if (commitSha) u.searchParams.set('version', `GC${commitSha}`);
  if (line !== undefined && line > 0) {
    u.searchParams.set('line', String(line));
    u.searchParams.set('lineEnd', String(line));
    u.searchParams.set('lineStartColumn', '1');
    u.searchParams.set('lineEndColumn', '1000');
    u.searchParams.set('lineStyle', 'plain');
  }
  u.searchParams.set('_a', 'contents');
  return u.toString();
}

/**
 * A repository's web page from what ADO always returns: `{orgUrl}/{project}/_git/{repo}`. The list
 * answer has no `webUrl` (ado-rest.md §1.2), so this is how Vigil builds it.
 */
export function repositoryWebUrl(orgUrl: string, projectName: string, repoName: string): string {
  return `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(projectName)}/_git/${encodeURIComponent(repoName)}`;
}
