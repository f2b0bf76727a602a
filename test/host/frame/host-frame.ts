// Browser side of the fake Azure DevOps host frame (ado-platform.md §4.2). Bundled by esbuild when the
// host server starts. It plays the parent window for one hub iframe: the SDK's own XDM (imported by
// file path; the package's exports map hides it) answers DevOps.HostControl and DevOps.ServiceManager.
import { channelManager } from '../../../node_modules/azure-devops-extension-sdk/esm/XDM.js';

export interface HostFrameConfig {
  hub: string;
  hubUrl: string;
  contributionId: string;
  extension: { id: string; publisherId: string; extensionId: string; version: string; baseUri: string };
  org: { id: string; name: string };
  user: { id: string; name: string; displayName: string; descriptor: string; imageUrl: string; accessToken: string };
  project?: { id: string; name: string };
  repository?: { id: string; name: string };
  pullRequestId?: number;
  /** The build results tab's build (ADO hands the tab an onBuildChanged that calls back with it). */
  build?: Record<string, unknown>;
  initialConfig: Record<string, unknown>;
  adoUrl: string;
  themeData: Record<string, string>;
}

export interface HostEvent {
  type: string;
  at: number;
  detail?: unknown;
}

declare global {
  interface Window {
    __VIGIL_HOST__: HostFrameConfig;
    __hostEvents: HostEvent[];
  }
}

const config = window.__VIGIL_HOST__;
const events: HostEvent[] = (window.__hostEvents = []);

function record(type: string, detail?: unknown): void {
  events.push({ type, at: Date.now(), detail });
}

function setState(state: 'loading' | 'loaded' | 'failed', message?: string): void {
  document.body.dataset.hubState = state;
  const banner = document.getElementById('hub-failed');
  if (banner) {
    banner.hidden = state !== 'failed';
    banner.textContent = state === 'failed' ? `The extension reported a load failure: ${message ?? ''}` : '';
  }
  const spinner = document.getElementById('hub-loading');
  if (spinner) spinner.hidden = state !== 'loading';
}

async function fetchAppToken(): Promise<string> {
  const res = await fetch(`/host/app-token?user=${encodeURIComponent(config.user.id)}`);
  if (!res.ok) throw new Error(`app token: HTTP ${res.status}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

const gitRepository = () =>
  config.repository && config.project
    ? {
        id: config.repository.id,
        name: config.repository.name,
        project: { id: config.project.id, name: config.project.name, state: 'wellFormed', visibility: 'private' },
        defaultBranch: 'refs/heads/main',
        url: `${config.adoUrl}/${encodeURIComponent(config.project.name)}/_apis/git/repositories/${config.repository.id}`,
        webUrl: `${config.adoUrl}/${encodeURIComponent(config.project.name)}/_git/${encodeURIComponent(config.repository.name)}`,
      }
    : null;

/**
 * The contribution's configuration. A build results tab's holds onBuildChanged(callback), which ADO calls
 * with the Build now and on updates; XDM carries the function and the callback across as proxies.
 */
function initialConfig(): Record<string, unknown> {
  const build = config.build;
  if (!build) return config.initialConfig;
  return {
    ...config.initialConfig,
    onBuildChanged: (callback: (b: unknown) => void) => {
      record('onBuildChanged');
      callback(build);
    },
  };
}

/** The host services a hub may ask for; plain objects of async functions (XDM proxies them). */
function service(contributionId: string): object {
  switch (contributionId) {
    case 'ms.vss-tfs-web.tfs-page-data-service':
      return { getProject: async () => config.project };
    case 'ms.vss-code-web.vc-repository-service':
      return { getCurrentGitRepository: async () => gitRepository() };
    case 'ms.vss-features.location-service':
      return {
        getServiceLocation: async () => `${config.adoUrl}/`,
        getResourceAreaLocation: async () => `${config.adoUrl}/`,
        routeUrl: async () => `${config.adoUrl}/`,
      };
    case 'ms.vss-features.host-navigation-service':
      return {
        navigate: async (url: string) => record('navigate', url),
        openNewWindow: async (url: string) => record('openNewWindow', url),
        reload: async () => record('reload'),
        setHash: async (hash: string) => record('setHash', hash),
        replaceHash: async (hash: string) => record('replaceHash', hash),
        getHash: async () => '',
        getQueryParams: async () => ({}),
        setQueryParams: async (params: unknown) => record('setQueryParams', params),
        setDocumentTitle: async (title: string) => record('setDocumentTitle', title),
        onHashChanged: async () => undefined,
        getPageRoute: async () => ({ id: config.contributionId, routeValues: {} }),
      };
    default:
      record('unknownService', contributionId);
      throw new Error(`The fake host has no service ${contributionId}`);
  }
}

function start(): void {
  const container = document.getElementById('hub-container');
  if (!container) throw new Error('host page has no #hub-container');
  setState('loading');
  // The channel must exist before the hub's first message: add the iframe, register, then navigate.
  const iframe = document.createElement('iframe');
  iframe.id = 'hub-frame';
  iframe.title = 'Extension content';
  container.appendChild(iframe);
  const channel = channelManager.addChannel(iframe.contentWindow as Window, location.origin);
  const registry = channel.getObjectRegistry();

  registry.register('DevOps.HostControl', {
    initialHandshake: (options: unknown) => {
      record('initialHandshake', options);
      const { accessToken: _omit, ...user } = config.user;
      return {
        contributionId: config.contributionId,
        initialConfig: initialConfig(),
        themeData: config.themeData,
        context: {
          extension: config.extension,
          user,
          host: { id: config.org.id, name: config.org.name, serviceVersion: 'fake-host', type: 4, isHosted: true },
          pageContext: {
            webContext: {
              project: config.project,
              collection: { id: config.org.id, name: config.org.name },
              account: { id: config.org.id, name: config.org.name },
              team: undefined,
              user: { id: user.id, name: user.displayName, email: user.name, uniqueName: user.name },
            },
            globalization: { culture: 'en-US', theme: 'Default', timezoneId: 'UTC', timeZoneOffset: 0, typoAware: false },
          },
        },
      };
    },
    getAccessToken: () => {
      record('getAccessToken');
      return { token: config.user.accessToken };
    },
    getAppToken: async () => {
      record('getAppToken');
      return { token: await fetchAppToken() };
    },
    notifyLoadSucceeded: () => {
      record('notifyLoadSucceeded');
      setState('loaded');
    },
    notifyLoadFailed: (e: unknown) => {
      record('notifyLoadFailed', e);
      setState('failed', typeof e === 'string' ? e : JSON.stringify(e));
    },
    resize: (width?: number, height?: number) => record('resize', { width, height }),
  });
  registry.register('DevOps.ServiceManager', {
    getService: (contributionId: string) => {
      record('getService', contributionId);
      return service(contributionId);
    },
  });

  iframe.src = config.hubUrl;
  record('frameCreated', config.hubUrl);
}

start();
