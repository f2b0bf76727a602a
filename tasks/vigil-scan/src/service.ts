// The task's side of service/contract/pipeline-api.ts: the run as the agent's predefined variables
// describe it, its upload (POST /api/v1/pipeline/runs) and the target branch's baseline
// (GET /api/v1/pipeline/baseline), both with the pipeline upload token as a bearer token.
import {
  pipelineBaselineResponseSchema,
  pipelineRunInfoSchema,
  pipelineRunUploadResponseSchema,
  type PipelineBaselineResponse,
  type PipelineRunInfo,
  type PipelineRunUpload,
  type PipelineRunUploadResponse,
} from '../../../service/contract/pipeline-api';

const TIMEOUT_MS = 60_000;

/** The service answered 401 or 403: the token is wrong, expired, revoked or for another organization. */
export class TokenRefusedError extends Error {}

/** The run's facts; throws with the variables at fault when the agent did not set what the contract needs. */
export function runInfo(getVariable: (name: string) => string | undefined): PipelineRunInfo {
  const v = (name: string) => getVariable(name)?.trim() || undefined;
  const int = (name: string) => {
    const s = v(name);
    return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
  };
  const repositoryId = v('Build.Repository.ID');
  const candidate = {
    organizationUrl: v('System.CollectionUri'),
    project: { id: v('System.TeamProjectId'), ...opt('name', v('System.TeamProject')) },
    pipeline: { id: int('System.DefinitionId'), ...opt('name', v('Build.DefinitionName')) },
    build: {
      id: int('Build.BuildId'),
      ...opt('number', v('Build.BuildNumber')),
      ...opt('reason', v('Build.Reason')),
      ...opt('sourceBranch', v('Build.SourceBranch')),
      ...opt('sourceVersion', v('Build.SourceVersion')),
    },
    ...(repositoryId
      ? { repository: { id: repositoryId, ...opt('name', v('Build.Repository.Name')), ...opt('type', v('Build.Repository.Provider')) } }
      : {}),
    ...opt('pullRequestId', int('System.PullRequest.PullRequestId')),
    ...opt('targetBranch', v('System.PullRequest.TargetBranch')),
  };
  const parsed = pipelineRunInfoSchema.safeParse(candidate);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`the build's variables do not describe the run (${where}): System.CollectionUri, System.TeamProjectId, System.DefinitionId and Build.BuildId are needed`);
  }
  return parsed.data;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The branch whose last results are the baseline: the pull request's target, else the branch built. */
export function baselineBranch(run: Pick<PipelineRunInfo, 'targetBranch' | 'build'>): string | undefined {
  return run.targetBranch ?? run.build.sourceBranch;
}

export interface ServiceConnection {
  url: string;
  token: string;
}

export async function uploadRun(service: ServiceConnection, body: PipelineRunUpload): Promise<PipelineRunUploadResponse> {
  const res = await call(service, 'api/v1/pipeline/runs', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return pipelineRunUploadResponseSchema.parse(await res.json());
}

export async function fetchBaseline(service: ServiceConnection, repositoryId: string, branch: string): Promise<PipelineBaselineResponse> {
  const query = new URLSearchParams({ repositoryId, branch });
  const res = await call(service, `api/v1/pipeline/baseline?${query}`, { method: 'GET' });
  return pipelineBaselineResponseSchema.parse(await res.json());
}

async function call(service: ServiceConnection, route: string, init: RequestInit): Promise<Response> {
  const base = service.url.endsWith('/') ? service.url : `${service.url}/`;
  const res = await fetch(new URL(route, base), {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${service.token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  if (res.ok) return res;
  const detail = await problemText(res);
  if (res.status === 401 || res.status === 403) {
    throw new TokenRefusedError(`the Vigil service refused the pipeline token (HTTP ${res.status}${detail ? `: ${detail}` : ''})`);
  }
  throw new Error(`the Vigil service answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`);
}

/** A problem+json's title and detail, or the start of a plain body. */
async function problemText(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).slice(0, 2000);
  try {
    const p = JSON.parse(text) as { title?: unknown; detail?: unknown };
    return [p.title, p.detail].filter((x): x is string => typeof x === 'string' && x.length > 0).join(': ').slice(0, 300);
  } catch {
    return text.replace(/\s+/g, ' ').trim().slice(0, 200);
  }
}
