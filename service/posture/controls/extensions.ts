// Posture controls: installed extensions (ADO-EXT-). The organization API does not say whether a
// Marketplace publisher is verified (ExtensionSnap.publisherVerified stays absent), so, as AzSK does,
// a publisher is trusted when it is Microsoft or Microsoft DevLabs, the extension is built in, or a
// collection did record the publisher as verified; every other publisher is "not known to be trusted".
import type { AdoObjectLocation } from '../../contract/model';
import type { ExtensionSnap, OrgSnapshot } from '../snapshot';
import { extensionOf, missingScope, snapshotOf, withAreaUnavailable } from '../testing';
import type { Control, ControlResult } from './control';
import { azsk, daysBefore, daysEarlier, ev, fail, listValue, notApplicable, notAvailableResult, owaspCicd, pass, postureMeta } from './helpers';

/** AzSK's known publishers (ControlSettings.json: Microsoft, Microsoft DevLabs), by Marketplace publisher id. */
export const TRUSTED_PUBLISHER_IDS: ReadonlySet<string> = new Set(['ms', 'ms-devlabs']);

/**
 * Scopes that let an extension change code, run or change pipelines, reach credentials, or change
 * who has access: AzSK's ExtensionCriticalScopes (ControlSettings.json) without
 * vso.extension.data_write (an extension's own settings storage), plus the token, secure file,
 * environment, audit stream, pipeline resource and connected-server scopes.
 */
export const CRITICAL_SCOPES: ReadonlySet<string> = new Set([
  // AzSK
  'vso.agentpools_manage',
  'vso.build_execute',
  'vso.code_write',
  'vso.code_manage',
  'vso.code_full',
  'vso.code_status',
  'vso.extension_manage',
  'vso.graph_manage',
  'vso.identity_manage',
  'vso.loadtest_write',
  'vso.machinegroup_manage',
  'vso.memberentitlementmanagement_write',
  'vso.gallery_manage',
  'vso.notification_write',
  'vso.notification_manage',
  'vso.packaging_write',
  'vso.packaging_manage',
  'vso.project_write',
  'vso.project_manage',
  'vso.release_execute',
  'vso.release_manage',
  'vso.security_manage',
  'vso.serviceendpoint_manage',
  'vso.settings_write',
  'vso.symbols_write',
  'vso.symbols_manage',
  'vso.taskgroups_write',
  'vso.taskgroups_manage',
  'vso.dashboards_manage',
  'vso.test_write',
  'vso.tokenadministration',
  'vso.profile_write',
  'vso.variablegroups_write',
  'vso.variablegroups_manage',
  'vso.wiki_write',
  'vso.work_write',
  'vso.work_full',
  // beyond AzSK
  'vso.tokens',
  'vso.securefiles_manage',
  'vso.environment_manage',
  'vso.auditstreams_manage',
  'vso.connected_server',
  'vso.pipelineresources_manage',
]);

export function isTrustedPublisher(e: ExtensionSnap): boolean {
  if (e.publisherVerified === true) return true;
  if (e.flags.includes('builtin') || e.installFlags.includes('builtin')) return true;
  return TRUSTED_PUBLISHER_IDS.has(e.publisherId.toLowerCase());
}

/** For messages: the name the object shows, and the publisher.extension id beside it. */
const extLabel = (e: ExtensionSnap): string => `${e.extensionName ?? e.extensionId} (${e.id})`;

export const criticalScopesOf = (e: ExtensionSnap): string[] => e.scopes.filter((sc) => CRITICAL_SCOPES.has(sc.toLowerCase()));

function extensionObject(e: ExtensionSnap): AdoObjectLocation {
  return { kind: 'ado-object', objectKind: 'extension', id: e.id, name: e.extensionName ?? e.id, url: e.webUrl };
}

const baseEvidence = (e: ExtensionSnap) => [
  ev('Extension', `${e.extensionName ?? e.extensionId} (${e.id})`),
  ev('Publisher', `${e.publisherName ?? e.publisherId} (${e.publisherId})`),
  ev('Publisher trusted', isTrustedPublisher(e) ? 'yes' : e.publisherVerified === false ? 'no (not verified)' : 'not known (not Microsoft; the organization API does not say whether the publisher is verified)'),
];

/** One result per installed extension; disabled ones are not applicable (they run nothing until re-enabled). */
function perExtension(s: OrgSnapshot, judge: (e: ExtensionSnap, object: AdoObjectLocation) => ControlResult): ControlResult[] {
  return s.extensions.map((e) => {
    const object = extensionObject(e);
    if (e.disabled) return notApplicable(object, [...baseEvidence(e), ev('Disabled', true)]);
    return judge(e, object);
  });
}

const EXTENSIONS_PAGE = 'Organization settings > General > Extensions > Installed (https://dev.azure.com/{organization}/_settings/extensions?tab=installed)';
const EXTENSIONS_HELP = 'https://learn.microsoft.com/azure/devops/marketplace/install-extension';
const extensionsOf = (...extensions: ExtensionSnap[]) => snapshotOf({ extensions });
const noExtensions = withAreaUnavailable(snapshotOf(), 'extensions', missingScope('vso.extension', 'The credential lacks the Extensions (Read) scope'));
const thirdParty = (p: Partial<ExtensionSnap> = {}) => extensionOf({ publisherId: 'acme-tools', publisherName: 'Acme Tools', extensionId: 'release-helper', extensionName: 'Release Helper', ...p });
const COLLECTED_AT = snapshotOf().collectedAt;

const criticalScopes: Control = {
  meta: postureMeta({
    id: 'ADO-EXT-CRITICAL-SCOPES',
    title: 'Extensions holding critical scopes should come from trusted publishers only',
    severity: 'high',
    description:
      'An extension acts with the scopes granted at install: with code write, build execute, service connection or token scopes it can change code, run pipelines or reach credentials in every project. A publisher that is not known to be trusted (AzSK trusts Microsoft and Microsoft DevLabs; the Marketplace verification is not readable from the organization) is a supply-chain risk for the whole organization.',
    remediation: `${EXTENSIONS_PAGE}: uninstall the extension, or confirm the publisher (verified domain on the Marketplace, maintained, needed) and record an exemption.`,
    helpUri: EXTENSIONS_HELP,
    references: [azsk('ADO_Organization_SI_Review_Installed_Extensions'), owaspCicd(8), owaspCicd(3)],
  }),
  areas: ['extensions'],
  evaluate: (s) =>
    perExtension(s, (e, object) => {
      const critical = criticalScopesOf(e);
      const evidence = [...baseEvidence(e), ev('Critical scopes', listValue(critical)), ev('Scopes', e.scopes.length)];
      if (critical.length === 0) return notApplicable(object, evidence);
      return isTrustedPublisher(e) ? pass(object, evidence) : fail(object, evidence, `Extension ${extLabel(e)} from ${e.publisherName ?? e.publisherId} holds ${listValue(critical, 5)}.`);
    }),
  examples: {
    mustFlag: [extensionsOf(thirdParty({ scopes: ['vso.code_write', 'vso.build_execute'] })), extensionsOf(thirdParty({ scopes: ['vso.Tokens'] }))],
    mustNotFlag: [
      extensionsOf(extensionOf({ scopes: ['vso.code_write'] })),
      extensionsOf(thirdParty({ scopes: ['vso.extension.data_write', 'vso.extension.data'] })),
      extensionsOf(thirdParty({ scopes: ['vso.code_write'], publisherVerified: true })),
      extensionsOf(thirdParty({ scopes: ['vso.work', 'vso.code'] })),
    ],
    notApplicable: [extensionsOf(thirdParty({ scopes: ['vso.code_write'], disabled: true, installFlags: ['disabled'] })), extensionsOf(thirdParty({ scopes: ['vso.profile'] })), snapshotOf()],
    notAvailable: [noExtensions],
  },
};

const thirdPartyReview: Control = {
  meta: postureMeta({
    id: 'ADO-EXT-UNTRUSTED-PUBLISHER',
    title: 'Every extension from a publisher not known to be trusted should be reviewed and still needed',
    severity: 'low',
    description: 'Extensions run code in the organization (pipeline tasks, hub pages, service hooks). Each one from outside Microsoft should be known, maintained and needed; this lists them for that review.',
    remediation: `${EXTENSIONS_PAGE}: review each extension named; uninstall the ones nobody needs.`,
    helpUri: EXTENSIONS_HELP,
    references: [azsk('ADO_Organization_SI_Review_Installed_Extensions'), owaspCicd(8)],
  }),
  areas: ['extensions'],
  evaluate: (s) =>
    perExtension(s, (e, object) => {
      const evidence = [...baseEvidence(e), ev('Scopes', listValue(e.scopes))];
      return isTrustedPublisher(e) ? pass(object, evidence) : fail(object, evidence, `Extension ${extLabel(e)} comes from ${e.publisherName ?? e.publisherId}, not a publisher known to be trusted.`);
    }),
  examples: {
    mustFlag: [extensionsOf(thirdParty())],
    mustNotFlag: [extensionsOf(extensionOf()), extensionsOf(thirdParty({ flags: ['builtin'] }))],
    notApplicable: [extensionsOf(thirdParty({ disabled: true })), snapshotOf()],
    notAvailable: [noExtensions],
  },
};

/** AzSK flags extensions not updated for two years. */
export const STALE_EXTENSION_DAYS = 730;

const stale: Control = {
  meta: postureMeta({
    id: 'ADO-EXT-STALE',
    title: 'Extensions from publishers not known to be trusted should have been updated within two years',
    severity: 'low',
    description: 'An extension whose last version is more than two years old is likely unmaintained: vulnerabilities in it or in its dependencies will not be fixed, and an abandoned publisher account can be taken over.',
    remediation: `${EXTENSIONS_PAGE}: uninstall the extension or replace it with a maintained one.`,
    helpUri: EXTENSIONS_HELP,
    references: [azsk('ADO_Organization_SI_Review_Installed_Extensions'), owaspCicd(8)],
  }),
  areas: ['extensions'],
  evaluate: (s) =>
    perExtension(s, (e, object) => {
      const evidence = [...baseEvidence(e), ev('Last published', e.lastPublished), ev('Version', e.version)];
      if (isTrustedPublisher(e)) return notApplicable(object, evidence);
      const days = daysBefore(s, e.lastPublished);
      if (days === undefined) return notAvailableResult(object, { code: 'unsupported', text: `Azure DevOps did not return when ${e.id} was last published.` }, evidence);
      return days > STALE_EXTENSION_DAYS ? fail(object, evidence, `Extension ${extLabel(e)} was last published ${days} days ago.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [extensionsOf(thirdParty({ lastPublished: daysEarlier(COLLECTED_AT, 1000) }))],
    mustNotFlag: [extensionsOf(thirdParty({ lastPublished: daysEarlier(COLLECTED_AT, 100) }))],
    notApplicable: [extensionsOf(extensionOf({ lastPublished: daysEarlier(COLLECTED_AT, 3000) }))],
    notAvailable: [extensionsOf(thirdParty({ lastPublished: undefined })), noExtensions],
  },
};

/** AzSK's NonProductionExtensionIndicators (DevTest, Demo, Preview, Deprecated), with beta, alpha and experimental. */
const PRERELEASE = /\b(preview|beta|alpha|experimental|devtest|demo|deprecated)\b/i;

const prerelease: Control = {
  meta: postureMeta({
    id: 'ADO-EXT-PRERELEASE',
    title: 'Preview, beta, demo or deprecated extensions from publishers not known to be trusted should not be installed',
    severity: 'low',
    description: 'An extension whose name or version marks it as preview, beta, alpha, experimental, demo, dev/test or deprecated (or whose version carries a pre-release suffix) is not meant for production organizations: less reviewed, changed or withdrawn without notice, sometimes a look-alike of a popular extension.',
    remediation: `${EXTENSIONS_PAGE}: uninstall the extension or install its released version.`,
    helpUri: EXTENSIONS_HELP,
    references: [azsk('ADO_Organization_SI_Review_Installed_Extensions'), owaspCicd(8)],
  }),
  areas: ['extensions'],
  evaluate: (s) =>
    perExtension(s, (e, object) => {
      const evidence = [...baseEvidence(e), ev('Version', e.version)];
      if (isTrustedPublisher(e)) return notApplicable(object, evidence);
      const marked = PRERELEASE.test(e.extensionName ?? '') || PRERELEASE.test(e.extensionId) || /-[a-z]/i.test(e.version ?? '');
      return marked ? fail(object, evidence, `Extension ${extLabel(e)}${e.version ? ` version ${e.version}` : ''} is a pre-release build.`) : pass(object, evidence);
    }),
  examples: {
    mustFlag: [extensionsOf(thirdParty({ extensionName: 'Release Helper (Preview)' })), extensionsOf(thirdParty({ version: '2.0.0-beta.3' })), extensionsOf(thirdParty({ extensionName: 'Release Helper [Deprecated]' }))],
    mustNotFlag: [extensionsOf(thirdParty({ version: '2.0.3' }))],
    notApplicable: [extensionsOf(extensionOf({ extensionName: 'Test Plans (Preview)' })), snapshotOf()],
    notAvailable: [noExtensions],
  },
};

export const extensionsControls: readonly Control[] = [criticalScopes, thirdPartyReview, stale, prerelease];
