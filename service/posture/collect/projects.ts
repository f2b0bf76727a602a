// Projects (visibility, process) and each project's pipeline general settings (documented route).
import { PIPELINE_SETTING_KEYS, type AreaStatus, type PartialFailure, type PipelineSettings, type ProjectSnap, type Unavailable } from '../snapshot';
import { facet, projectUrl, type CollectContext } from './context';
import { unavailableFrom } from './reasons';

export interface ProjectsResult {
  projects: ProjectSnap[];
  projectsStatus: AreaStatus;
  settingsStatus: AreaStatus;
  /** Set when the project list itself failed: every per-project area depends on it. */
  listFailure?: Unavailable;
}

export async function collectProjects(ctx: CollectContext): Promise<ProjectsResult> {
  let list;
  try {
    list = await ctx.call(() => ctx.client.core.listProjects());
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    const reason = unavailableFrom(err);
    const status: AreaStatus = { state: 'not-available', reason };
    return { projects: [], projectsStatus: status, settingsStatus: status, listFailure: reason };
  }
  const projects = await Promise.all(
    list.map(async (p): Promise<ProjectSnap> => {
      // The list may lack visibility (ADO's minimal shape); the single answer adds the process template.
      const [details, settings] = await Promise.all([
        facet(ctx, () => ctx.client.core.getProject(p.id, { includeCapabilities: true })),
        facet(ctx, () => ctx.client.build.getGeneralSettings(p.id)),
      ]);
      const d = details.state === 'available' ? details.value : undefined;
      const url = projectUrl(ctx, p.name);
      const out: ProjectSnap = { id: p.id, name: p.name, webUrl: url, pipelineSettingsUrl: `${url}/_settings/settings`, pipelineSettings: settings.state === 'available' ? { state: 'available', value: pick(settings.value) } : settings };
      const visibility = d?.visibility ?? p.visibility;
      if (visibility !== undefined) out.visibility = visibility.toLowerCase();
      const state = d?.state ?? p.state;
      if (state !== undefined) out.state = state;
      const updated = d?.lastUpdateTime ?? p.lastUpdateTime;
      if (updated !== undefined) out.lastUpdateTime = updated;
      if (d?.description) out.description = d.description;
      if (d?.processTemplateName) out.processTemplate = d.processTemplateName;
      if (d?.sourceControlType) out.sourceControlType = d.sourceControlType;
      return out;
    }),
  );
  return { projects, projectsStatus: { state: 'available' }, settingsStatus: settingsStatusOf(projects) };
}

function pick(v: PipelineSettings): PipelineSettings {
  const out: PipelineSettings = {};
  for (const key of PIPELINE_SETTING_KEYS) if (v[key] !== undefined) out[key] = v[key];
  return out;
}

/** Not available when no project's settings could be read; each failing project is also its own facet. */
function settingsStatusOf(projects: ProjectSnap[]): AreaStatus {
  const failures: PartialFailure[] = projects.flatMap((p) =>
    p.pipelineSettings.state === 'not-available' ? [{ what: `the pipeline settings of project ${p.name}`, projectId: p.id, projectName: p.name, reason: p.pipelineSettings.reason }] : [],
  );
  if (failures.length > 0 && failures.length === projects.length) return { state: 'not-available', reason: failures[0].reason };
  return failures.length ? { state: 'available', partialFailures: failures } : { state: 'available' };
}
