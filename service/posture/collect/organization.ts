// Organization-wide areas: policies (undocumented portal reads, with AzSK's fallback), pipeline
// settings (portal), audit streams, installed extensions, agent pools.
import type { OrganizationPolicy } from '../../ado/areas/portal';
import {
  ORG_ONLY_PIPELINE_SETTING_KEYS,
  PIPELINE_SETTING_KEYS,
  type AgentPoolSnap,
  type AreaStatus,
  type AuditStreamSnap,
  type ExtensionSnap,
  type OrgPipelineSettings,
  type OrgPolicy,
} from '../snapshot';
import { enumWord, identityOf } from './convert';
import { attempt, facet, wholeArea, type AreaResult, type CollectContext } from './context';

function policyOf(p: OrganizationPolicy): OrgPolicy {
  const out: OrgPolicy = { section: p.section, name: p.name };
  if (p.value !== undefined) out.value = p.value;
  if (p.effectiveValue !== undefined) out.effectiveValue = p.effectiveValue;
  if (p.isValueUndefined !== undefined) out.isValueUndefined = p.isValueUndefined;
  if (p.description !== undefined) out.description = p.description;
  return out;
}

/**
 * The HierarchyQuery route first (ado-rest.md §8 item 3), then the settings page's data (item 1):
 * undocumented routes change, so the first that answers wins; both failing gives the first reason.
 */
export async function collectOrgPolicies(ctx: CollectContext): Promise<AreaResult<OrgPolicy>> {
  const primary = await facet(ctx, () => ctx.client.portal.getOrganizationPolicies());
  if (primary.state === 'available' && primary.value.length > 0) return { items: primary.value.map(policyOf), status: { state: 'available' } };
  const fallback = await facet(ctx, () => ctx.client.portal.getOrganizationPoliciesFromSettingsPage());
  if (fallback.state === 'available') return { items: fallback.value.map(policyOf), status: { state: 'available' } };
  if (primary.state === 'available') return { items: [], status: { state: 'available' } };
  // The more telling of the two: a refusal or a missing scope rather than a changed answer.
  const reason = primary.reason.code === 'error' && fallback.reason.code !== 'error' ? fallback.reason : primary.reason;
  return { items: [], status: { state: 'not-available', reason } };
}

export async function collectOrgPipelineSettings(ctx: CollectContext): Promise<{ value: OrgPipelineSettings | null; status: AreaStatus }> {
  const r = await wholeArea(ctx, () => ctx.call(() => ctx.client.portal.getOrgPipelineSettings()));
  if (!r.value) return { value: null, status: r.status };
  const out: OrgPipelineSettings = {};
  for (const key of [...PIPELINE_SETTING_KEYS, ...ORG_ONLY_PIPELINE_SETTING_KEYS]) if (r.value[key] !== undefined) out[key] = r.value[key];
  return { value: out, status: r.status };
}

export async function collectAuditStreams(ctx: CollectContext): Promise<AreaResult<AuditStreamSnap>> {
  const r = await facet(ctx, () => ctx.client.audit.listStreams());
  if (r.state !== 'available') return { items: [], status: { state: 'not-available', reason: r.reason } };
  return {
    items: r.value.map((s) => {
      const out: AuditStreamSnap = { id: s.id, status: enumWord(s.status) };
      if (s.consumerType !== undefined) out.consumerType = s.consumerType;
      if (s.displayName !== undefined) out.displayName = s.displayName;
      if (s.statusReason !== undefined) out.statusReason = s.statusReason;
      if (s.createdTime !== undefined) out.createdTime = s.createdTime;
      if (s.updatedTime !== undefined) out.updatedTime = s.updatedTime;
      return out;
    }),
    status: { state: 'available' },
  };
}

export async function collectExtensions(ctx: CollectContext): Promise<AreaResult<ExtensionSnap>> {
  const r = await facet(ctx, () => ctx.client.extensions.listInstalledExtensions());
  if (r.state !== 'available') return { items: [], status: { state: 'not-available', reason: r.reason } };
  const webUrl = `${ctx.orgUrl}/_settings/extensions?tab=installed`;
  return {
    items: r.value.map((e) => {
      const out: ExtensionSnap = {
        id: `${e.publisherId}.${e.extensionId}`,
        extensionId: e.extensionId,
        publisherId: e.publisherId,
        scopes: e.scopes,
        installFlags: e.installFlags,
        flags: e.flags,
        disabled: e.installFlags.includes('disabled'),
        webUrl,
      };
      if (e.extensionName !== undefined) out.extensionName = e.extensionName;
      if (e.publisherName !== undefined) out.publisherName = e.publisherName;
      if (e.version !== undefined) out.version = e.version;
      if (e.lastPublished !== undefined) out.lastPublished = e.lastPublished;
      return out;
    }),
    status: { state: 'available' },
  };
}

export async function collectAgentPools(ctx: CollectContext): Promise<AreaResult<AgentPoolSnap>> {
  const r = await attempt(ctx, () => ctx.call(() => ctx.client.distributedTask.listAgentPools()));
  if (r.state !== 'available') return { items: [], status: { state: 'not-available', reason: r.reason } };
  return {
    items: r.value.map((p) => {
      const out: AgentPoolSnap = { id: p.id, name: p.name, webUrl: `${ctx.orgUrl}/_settings/agentpools?poolId=${p.id}&view=jobs` };
      if (p.isHosted !== undefined) out.isHosted = p.isHosted;
      if (p.poolType !== undefined) out.poolType = enumWord(p.poolType);
      if (p.autoProvision !== undefined) out.autoProvision = p.autoProvision;
      if (p.autoUpdate !== undefined) out.autoUpdate = p.autoUpdate;
      if (p.options.length) out.isElastic = p.options.includes('elasticpool');
      const owner = identityOf(p.owner);
      if (owner) out.owner = owner;
      if (p.size !== undefined) out.size = p.size;
      return out;
    }),
    status: { state: 'available' },
  };
}
