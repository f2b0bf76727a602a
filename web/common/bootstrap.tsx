// Page start-up shared by every surface: SDK handshake -> ready -> render into #root ->
// notifyLoadSucceeded; on failure notifyLoadFailed and an error card. With api.ts, the only
// module that calls the SDK: pages receive what they need as props.
import 'azure-devops-ui/Core/override.css';
import './vigil.css';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { IProjectPageService } from 'azure-devops-extension-api/Common';
import type { IVersionControlRepositoryService } from 'azure-devops-extension-api/Git';
import { SurfaceBackground, SurfaceContext } from 'azure-devops-ui/Surface';
import { createSdkApiClient, type VigilApi } from './api';
import { hostUrlQuery, type HostNavigation, type UrlQueryStore } from './findings-url-state';
import { ErrorState } from './ErrorState';
import { createQueryClient } from './queries';

export const PROJECT_PAGE_SERVICE = 'ms.vss-tfs-web.tfs-page-data-service';
export const REPOSITORY_SERVICE = 'ms.vss-code-web.vc-repository-service';
export const HOST_NAVIGATION_SERVICE = 'ms.vss-features.host-navigation-service';

/** How long to wait for the host frame's handshake before saying so. */
const HANDSHAKE_TIMEOUT_MS = 20_000;

export interface NamedRef {
  id: string;
  name: string;
}

/** What a page may ask of its host; built here so pages and components never touch the SDK. */
export interface PageHost {
  api: VigilApi;
  organization: NamedRef;
  user: { id: string; displayName: string };
  /** The contribution's initial configuration (the PR tab gets its pull request here). */
  configuration: Record<string, unknown>;
  /** The project the page is shown in, if any. */
  project(): Promise<NamedRef | undefined>;
  /** The Git repository selected in Repos (or the PR's repository), if any. */
  currentRepository(): Promise<(NamedRef & { project?: NamedRef }) | undefined>;
  /** The host page's URL query: the Findings list keeps its view there. */
  urlQuery: UrlQueryStore;
}

class ErrorBoundary extends React.Component<{ children: React.ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {};
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(error: unknown) {
    void Promise.resolve(SDK.notifyLoadFailed(error instanceof Error ? error.message : String(error))).catch(() => undefined);
  }
  override render() {
    if (this.state.error !== undefined) {
      return (
        <div className="vigil-page-error">
          <ErrorState error={this.state.error} context="Vigil stopped working on this page" />
        </div>
      );
    }
    return this.props.children;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

async function currentProject(): Promise<NamedRef | undefined> {
  try {
    const service = await SDK.getService<IProjectPageService>(PROJECT_PAGE_SERVICE);
    const project = await service.getProject();
    if (project) return { id: project.id, name: project.name };
  } catch {
    // fall back to the web context below
  }
  try {
    const project = SDK.getWebContext().project;
    return project ? { id: project.id, name: project.name } : undefined;
  } catch {
    return undefined;
  }
}

async function currentRepository(): Promise<(NamedRef & { project?: NamedRef }) | undefined> {
  const service = await SDK.getService<IVersionControlRepositoryService>(REPOSITORY_SERVICE);
  const repo = await service.getCurrentGitRepository();
  if (!repo) return undefined;
  return { id: repo.id, name: repo.name, project: repo.project ? { id: repo.project.id, name: repo.project.name } : undefined };
}

function renderInto(root: HTMLElement, element: React.ReactElement, queryClient: QueryClient): Promise<void> {
  return new Promise((resolve) => {
    ReactDOM.render(
      <SurfaceContext.Provider value={{ background: SurfaceBackground.neutral }}>
        <QueryClientProvider client={queryClient}>
          <ErrorBoundary>{element}</ErrorBoundary>
        </QueryClientProvider>
      </SurfaceContext.Provider>,
      root,
      () => resolve(),
    );
  });
}

/**
 * Start a page: `render` gets the host and returns the page element (it may await host calls).
 * Resolves once the page is on screen or its error card is.
 */
export async function bootstrap(
  render: (host: PageHost) => React.ReactElement | Promise<React.ReactElement>,
  root: HTMLElement | null = document.getElementById('root'),
): Promise<void> {
  if (!root) throw new Error('bootstrap: the page has no #root element');
  // The page's server state (queries.ts): one cache per page.
  const queryClient = createQueryClient();
  try {
    if (window.parent === window) {
      throw new Error('This page runs inside Azure DevOps. Open Vigil from Organization settings, Project settings or Repos.');
    }
    await withTimeout(
      SDK.init({ loaded: false, applyTheme: true }).then(() => SDK.ready()),
      HANDSHAKE_TIMEOUT_MS,
      'Azure DevOps did not answer the extension handshake. Reload the page.',
    );
    const host = SDK.getHost();
    const user = SDK.getUser();
    const pageHost: PageHost = {
      api: createSdkApiClient(),
      organization: { id: host.id, name: host.name },
      user: { id: user.id, displayName: user.displayName },
      configuration: (SDK.getConfiguration() ?? {}) as Record<string, unknown>,
      project: currentProject,
      currentRepository,
      urlQuery: hostUrlQuery(() => SDK.getService<HostNavigation>(HOST_NAVIGATION_SERVICE)),
    };
    const element = await render(pageHost);
    await renderInto(root, element, queryClient);
    void SDK.notifyLoadSucceeded();
  } catch (error) {
    await renderInto(
      root,
      <div className="vigil-page-error">
        <ErrorState error={error} context="Vigil could not start" />
      </div>,
      queryClient,
    );
    // Not awaited: without a host (page opened outside Azure DevOps) the call never answers.
    void Promise.resolve()
      .then(() => SDK.notifyLoadFailed(error instanceof Error ? error.message : String(error)))
      .catch(() => undefined);
  }
}
