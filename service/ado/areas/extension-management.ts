// Extension management (extmgmt host): the extensions installed in the organization, with the scopes
// they were granted. The answer does not say whether the publisher is verified (that is Marketplace data).
import { asRecord, collectionItems, optString, optStringArray, requireItem, requireString, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

export const EXTENSION_MANAGEMENT_API_VERSION = '7.1-preview.1';

export interface InstalledExtension {
  extensionId: string;
  extensionName?: string;
  publisherId: string;
  publisherName?: string;
  version?: string;
  /** ExtensionFlags words, lower-cased: builtIn, trusted, multiVersion, ... (ADO sends "builtIn, trusted"). */
  flags: string[];
  /** installState.flags words, lower-cased: none, disabled, builtIn, multiVersion, unInstalled, error, ... */
  installFlags: string[];
  installLastUpdated?: string;
  /** Scopes granted at install: vso.code_write, vso.build_execute, ... */
  scopes: string[];
  lastPublished?: string;
}

/** "builtIn, trusted" -> ['builtin', 'trusted']; a number or anything else -> []. */
export function flagWords(v: unknown): string[] {
  return typeof v === 'string'
    ? v
        .split(',')
        .map((w) => w.trim().toLowerCase())
        .filter((w) => w !== '' && w !== 'none')
    : [];
}

export class ExtensionManagementArea {
  constructor(private readonly t: AdoTransport) {}

  /** Every installed extension, disabled ones included. Not paged by ADO. */
  async listInstalledExtensions(): Promise<InstalledExtension[]> {
    const spec: RequestSpec = {
      host: 'extmgmt',
      path: '_apis/extensionmanagement/installedextensions',
      query: { includeDisabledExtensions: true },
      apiVersion: EXTENSION_MANAGEMENT_API_VERSION,
      operation: 'list the installed extensions',
    };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => toInstalledExtension(raw, spec));
  }
}

/** An InstalledExtension: extensionId and publisherId are required ("extension.publisherId missing"). */
export function toInstalledExtension(raw: unknown, ctx: ParseContext): InstalledExtension {
  const r = requireItem(raw, ctx, 'extension');
  const state = asRecord(r.installState);
  return {
    extensionId: requireString(r, 'extensionId', ctx, 'extension'),
    extensionName: optString(r.extensionName),
    publisherId: requireString(r, 'publisherId', ctx, 'extension'),
    publisherName: optString(r.publisherName),
    version: optString(r.version),
    flags: flagWords(r.flags),
    installFlags: flagWords(state?.flags),
    installLastUpdated: optString(state?.lastUpdated),
    scopes: optStringArray(r.scopes) ?? [],
    lastPublished: optString(r.lastPublished),
  };
}
