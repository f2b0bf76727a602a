// The one reading of an organization URL: https://dev.azure.com/{org}[/...], https://{org}.visualstudio.com
// or an Azure DevOps Server collection (http(s)://server[/tfs]/{collection}).

export class OrgUrlError extends Error {
  override name = 'OrgUrlError';
}

/** Where the organization lives: it decides the host of areas served elsewhere (graph, audit...). */
export type OrgUrlKind = 'dev.azure.com' | 'visualstudio.com' | 'server';

export interface OrgUrl {
  /** Canonical: no trailing slash, no query; dev.azure.com URLs cut to the organization. */
  url: string;
  /** The organization (or collection) name. */
  name: string;
  kind: OrgUrlKind;
}

/**
 * Checks and canonicalises an organization URL. Never echoes the input in its errors: a pasted URL
 * may carry a credential.
 */
export function parseOrgUrl(raw: string): OrgUrl {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new OrgUrlError('The organization URL is not a valid URL (expected e.g. https://dev.azure.com/contoso)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new OrgUrlError(`The organization URL must use https (or http for a local server), not ${u.protocol}`);
  }
  if (u.username || u.password) throw new OrgUrlError('The organization URL must not contain a user name or password');
  if (u.search || u.hash) throw new OrgUrlError('The organization URL must not contain a query or fragment');
  const segments = u.pathname.split('/').filter(Boolean);
  // Every segment must decode: the URL is sent on as it is, and a broken escape is the URL's fault.
  segments.forEach(decodeSegment);
  const vsHost = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/i.exec(u.hostname);
  if (vsHost) return { url: `${u.protocol}//${u.host}`, name: vsHost[1], kind: 'visualstudio.com' };
  if (u.hostname.toLowerCase() === 'dev.azure.com') {
    if (!segments.length) throw new OrgUrlError('The URL must name the organization: https://dev.azure.com/{organization}');
    return { url: `https://dev.azure.com/${segments[0]}`, name: decodeSegment(segments[0]), kind: 'dev.azure.com' };
  }
  // Azure DevOps Server (or a test organization): the collection is the last path segment.
  if (!segments.length) throw new OrgUrlError('The URL must name the collection: https://server/{collection}');
  return {
    url: `${u.protocol}//${u.host}/${segments.join('/')}`,
    name: decodeSegment(segments[segments.length - 1]),
    kind: 'server',
  };
}

/** A path segment as a name; a broken %-escape is the URL's fault, said as such. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new OrgUrlError('The organization URL has a broken %-escape in its path');
  }
}
