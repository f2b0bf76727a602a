// A fake Azure DevOps host for the built hub pages (ado-platform.md §4.2): a minimal ADO shell (top bar,
// left navigation, user switcher) with the hub in an iframe, whose SDK handshake the page's script
// answers. Used by the browser tests, the demo and the preview script. Not product code.
//
//   const host = await startHostServer({ webDir: 'dist/web', serviceUrl, org, users, appSecret, project, repository })
//   page.goto(host.pageUrl('org-settings', users[0].id))
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { signAppToken } from '../support/app-token';
import type { HostFrameConfig } from './frame/host-frame';

export type HubName = 'org-settings' | 'project-settings' | 'repo-security' | 'pr-tab' | 'build-results';

export interface HostUser {
  id: string;
  displayName: string;
  /** The fake ADO access token SDK.getAccessToken() returns for this user. */
  accessToken: string;
  /** e.g. ada@contoso.com */
  uniqueName?: string;
}

export interface HostServerOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** The built pages (dist/web). */
  webDir: string;
  /** Where the pages call /api/v1 ("" = this server, which then has no API). */
  serviceUrl: string;
  org: { name: string; id?: string };
  users: HostUser[];
  /** HS256 secret shared with the service (the Marketplace extension secret stand-in). */
  appSecret: string;
  project?: { id: string; name: string };
  repository?: { id: string; name: string };
  pullRequestId?: number;
  /** The pipeline run the build results tab is shown for: a Build as the builds API answers it. */
  build?: { id: number; buildNumber?: string; project: { id: string; name?: string } } & Record<string, unknown>;
  /**
   * Publisher and extension id; the app token's aud is "<publisherId>.<extensionId>". The default,
   * vigil-security.vigil-dev, is one of the audiences the service accepts by default (VIGIL_APP_TOKEN_AUDIENCE).
   */
  extension?: { publisherId: string; extensionId: string; version?: string };
  /** Base URL the location service reports (default https://dev.azure.com/<org>). */
  adoUrl?: string;
  /** Extra theme variables (ADO sends ~100; a few light-theme ones are the default). */
  themeData?: Record<string, string>;
}

export interface HostServer {
  url: string;
  /** The host page showing one hub as one user (default: the first user). */
  pageUrl(hub: HubName, userId?: string): string;
  close(): Promise<void>;
}

export const HUBS: Record<HubName, { contribution: string; section: string; label: string; needs: ('project' | 'repository' | 'pullRequest' | 'build')[] }> = {
  'org-settings': { contribution: 'org-settings-hub', section: 'Organization settings', label: 'Vigil', needs: [] },
  'project-settings': { contribution: 'project-settings-hub', section: 'Project settings', label: 'Vigil', needs: ['project'] },
  'repo-security': { contribution: 'repo-security-hub', section: 'Repos', label: 'Security', needs: ['project', 'repository'] },
  'pr-tab': { contribution: 'pr-tab', section: 'Pull requests', label: 'Security tab', needs: ['project', 'repository', 'pullRequest'] },
  'build-results': { contribution: 'build-results-tab', section: 'Pipelines', label: 'Vigil tab', needs: ['project', 'build'] },
};

const DEFAULT_ORG_ID = '6a1b2c3d-0000-4000-8000-00000000c0de';

/** A few light-theme values in ADO's formats: full colours, or "r, g, b" for palette-* variables. */
const LIGHT_THEME: Record<string, string> = {
  'background-color': 'rgba(255, 255, 255, 1)',
  'text-primary-color': 'rgba(0, 0, 0, .9)',
  'text-secondary-color': 'rgba(0, 0, 0, .55)',
  'text-disabled-color': 'rgba(0, 0, 0, .38)',
  'communication-background': 'rgba(0, 120, 212, 1)',
  'communication-foreground': 'rgba(0, 90, 158, 1)',
  'text-on-communication-background': 'rgba(255, 255, 255, 1)',
  'focus-border-color': 'rgba(0, 120, 212, 1)',
  'palette-primary': '0, 120, 212',
  'palette-primary-darkened-6': '0, 103, 181',
  'palette-primary-darkened-10': '0, 91, 161',
  'palette-neutral-2': '248, 248, 248',
  'palette-neutral-4': '244, 244, 244',
  'palette-neutral-8': '234, 234, 234',
};

let frameBundle: Promise<string> | undefined;

/** esbuild (tsx's dependency) bundles the browser script once per process. */
function bundleHostFrame(): Promise<string> {
  frameBundle ??= (async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(__dirname, 'frame', 'host-frame.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  })();
  return frameBundle;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside <script>. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function isHub(value: unknown): value is HubName {
  return typeof value === 'string' && value in HUBS;
}

function available(opts: HostServerOptions, hub: HubName): boolean {
  return HUBS[hub].needs.every((n) =>
    n === 'project' ? Boolean(opts.project) : n === 'repository' ? Boolean(opts.repository) : n === 'build' ? Boolean(opts.build) : opts.pullRequestId !== undefined,
  );
}

function renderHostPage(opts: HostServerOptions, hub: HubName, user: HostUser, frame: HostFrameConfig): string {
  const link = (h: HubName) => `/?hub=${h}&user=${encodeURIComponent(user.id)}`;
  const navItem = (h: HubName, text: string) =>
    available(opts, h)
      ? `<a class="nav-item${h === hub ? ' selected' : ''}" href="${link(h)}" data-hub="${h}">${escapeHtml(text)}</a>`
      : `<span class="nav-item disabled" title="Not configured in this fake host">${escapeHtml(text)}</span>`;
  const userSwitcher =
    opts.users.length > 1
      ? `<label class="user-switcher">Signed in as <select id="user-switcher" onchange="location.href='/?hub=${hub}&user='+encodeURIComponent(this.value)">${opts.users
          .map((u) => `<option value="${escapeHtml(u.id)}"${u.id === user.id ? ' selected' : ''}>${escapeHtml(u.displayName)}</option>`)
          .join('')}</select></label>`
      : `<span class="user-switcher">${escapeHtml(user.displayName)}</span>`;
  const breadcrumb = [opts.org.name, hub === 'org-settings' ? 'Settings' : opts.project?.name, HUBS[hub].section]
    .filter(Boolean)
    .map((s) => `<span>${escapeHtml(String(s))}</span>`)
    .join('<span class="sep">/</span>');
  const prHeader =
    hub === 'pr-tab'
      ? `<div class="pr-header"><div class="pr-title">!${opts.pullRequestId} Update payment settings <span class="pr-status">Active</span></div>
         <div class="pr-branches">${escapeHtml(opts.repository?.name ?? '')} · feature/settings into main</div>
         <nav class="pr-tabs"><span>Overview</span><span>Files</span><span>Updates</span><span>Commits</span><span class="selected">Security</span></nav></div>`
      : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(HUBS[hub].section)} - ${escapeHtml(opts.org.name)} (fake Azure DevOps)</title>
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font-family: "Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; font-size: 14px; color: rgba(0,0,0,.9); }
  body { display: flex; flex-direction: column; background: #f8f8f8; }
  .top-bar { height: 48px; flex: none; display: flex; align-items: center; padding: 0 16px; background: #fff; border-bottom: 1px solid #eaeaea; }
  .logo { width: 24px; height: 24px; border-radius: 4px; background: #0078d4; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; margin-right: 12px; font-size: 13px; }
  .breadcrumb { display: flex; gap: 8px; color: rgba(0,0,0,.9); }
  .breadcrumb .sep { color: rgba(0,0,0,.35); }
  .user-switcher { margin-left: auto; color: rgba(0,0,0,.55); }
  .user-switcher select { margin-left: 6px; font: inherit; }
  .shell { flex: 1; display: flex; min-height: 0; }
  .left-nav { width: 248px; flex: none; padding: 12px 8px; background: #f8f8f8; border-right: 1px solid #eaeaea; overflow-y: auto; }
  .nav-section { font-size: 12px; font-weight: 600; color: rgba(0,0,0,.55); padding: 16px 12px 6px; }
  .nav-item { display: block; padding: 7px 12px; border-radius: 4px; color: rgba(0,0,0,.9); text-decoration: none; }
  .nav-item:hover { background: rgba(0,0,0,.04); }
  .nav-item.selected { background: rgba(0,120,212,.1); font-weight: 600; }
  .nav-item.disabled { color: rgba(0,0,0,.35); }
  .content { flex: 1; display: flex; flex-direction: column; min-width: 0; background: #fff; position: relative; }
  #hub-container { flex: 1; display: flex; min-height: 0; }
  #hub-frame { flex: 1; border: 0; width: 100%; height: 100%; }
  #hub-loading { position: absolute; top: 72px; left: 0; right: 0; text-align: center; color: rgba(0,0,0,.55); }
  #hub-failed { margin: 12px 16px 0; padding: 8px 12px; background: #fde7e9; border-left: 3px solid #a4262c; }
  .pr-header { padding: 16px 32px 0; border-bottom: 1px solid #eaeaea; }
  .pr-title { font-size: 20px; font-weight: 600; }
  .pr-status { font-size: 12px; font-weight: 600; margin-left: 8px; padding: 2px 8px; border-radius: 12px; background: rgba(0,120,212,.1); color: #005a9e; vertical-align: middle; }
  .pr-branches { color: rgba(0,0,0,.55); margin: 6px 0 10px; }
  .pr-tabs { display: flex; gap: 24px; }
  .pr-tabs span { padding: 8px 0 10px; color: rgba(0,0,0,.55); }
  .pr-tabs span.selected { color: rgba(0,0,0,.9); font-weight: 600; border-bottom: 2px solid #0078d4; }
</style></head>
<body data-hub="${hub}" data-hub-state="loading">
  <header class="top-bar"><div class="logo" aria-hidden="true">A</div><nav class="breadcrumb" aria-label="Breadcrumb">${breadcrumb}</nav>${userSwitcher}</header>
  <div class="shell">
    <nav class="left-nav" aria-label="Fake Azure DevOps navigation">
      <div class="nav-section">Organization settings</div>${navItem('org-settings', 'Vigil')}
      <div class="nav-section">Project settings${opts.project ? ` · ${escapeHtml(opts.project.name)}` : ''}</div>${navItem('project-settings', 'Vigil')}
      <div class="nav-section">Repos${opts.repository ? ` · ${escapeHtml(opts.repository.name)}` : ''}</div>${navItem('repo-security', 'Security')}
      <div class="nav-section">Pull requests</div>${navItem('pr-tab', opts.pullRequestId !== undefined ? `!${opts.pullRequestId} › Security` : 'Security tab')}
      <div class="nav-section">Pipelines</div>${navItem('build-results', opts.build ? `Run ${opts.build.buildNumber ?? opts.build.id} › Vigil` : 'Vigil tab')}
    </nav>
    <main class="content">
      ${prHeader}
      <div id="hub-failed" role="alert" hidden></div>
      <div id="hub-loading">Loading extension…</div>
      <div id="hub-container"></div>
    </main>
  </div>
  <script>window.__VIGIL_HOST__ = ${scriptJson(frame)};</script>
  <script src="/host/host-frame.js"></script>
</body></html>`;
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  if (!opts.users.length) throw new Error('startHostServer: at least one user is needed');
  if (!existsSync(path.join(opts.webDir, 'org-settings', 'org-settings.html'))) {
    throw new Error(`startHostServer: ${opts.webDir} has no built pages; run \`npm run build:web\` first`);
  }
  const frameScript = await bundleHostFrame();
  const org = { name: opts.org.name, id: opts.org.id ?? DEFAULT_ORG_ID };
  const extension = {
    publisherId: opts.extension?.publisherId ?? 'vigil-security',
    extensionId: opts.extension?.extensionId ?? 'vigil-dev',
    version: opts.extension?.version ?? '0.1.0',
  };
  const extensionFullId = `${extension.publisherId}.${extension.extensionId}`;
  const adoUrl = (opts.adoUrl ?? `https://dev.azure.com/${encodeURIComponent(org.name)}`).replace(/\/+$/, '');
  const findUser = (id: unknown) => opts.users.find((u) => u.id === id);

  const app = express();
  app.disable('x-powered-by');

  app.get('/', (req, res) => {
    const hub = isHub(req.query.hub) ? req.query.hub : 'org-settings';
    const user = findUser(req.query.user) ?? opts.users[0];
    if (!available(opts, hub)) {
      res.status(400).type('text/plain').send(`The fake host was started without what ${hub} needs: ${HUBS[hub].needs.join(', ')}`);
      return;
    }
    const frame: HostFrameConfig = {
      hub,
      hubUrl: `/web/${hub}/${hub}.html`,
      contributionId: `${extensionFullId}.${HUBS[hub].contribution}`,
      extension: { id: extensionFullId, ...extension, baseUri: `${req.protocol}://${req.get('host')}/web/` },
      org,
      user: {
        id: user.id,
        name: user.uniqueName ?? `${user.displayName.toLowerCase().replace(/\s+/g, '.')}@${org.name}.test`,
        displayName: user.displayName,
        descriptor: `aad.${Buffer.from(user.id).toString('base64url')}`,
        imageUrl: '',
        accessToken: user.accessToken,
      },
      project: hub === 'org-settings' ? undefined : opts.project,
      repository: opts.repository,
      pullRequestId: opts.pullRequestId,
      initialConfig: hub === 'pr-tab' ? { pullRequestId: opts.pullRequestId, repositoryId: opts.repository?.id } : {},
      // The build results tab gets onBuildChanged (a function, made by the frame script) calling back with this build.
      ...(hub === 'build-results' && opts.build ? { build: opts.build } : {}),
      adoUrl,
      themeData: { ...LIGHT_THEME, ...opts.themeData },
    };
    res.type('html').send(renderHostPage(opts, hub, user, frame));
  });

  app.get('/host/host-frame.js', (_req, res) => {
    res.type('application/javascript').send(frameScript);
  });

  app.get('/host/app-token', (req, res) => {
    const user = findUser(req.query.user);
    if (!user) {
      res.status(404).json({ error: 'unknown user' });
      return;
    }
    res.set('Cache-Control', 'no-store').json({ token: signAppToken(opts.appSecret, user.id, { audience: extensionFullId }) });
  });

  // The pages read the service URL from ../vigil-config.js: answer with the one this host was given.
  app.get('/web/vigil-config.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-store').send(`window.VIGIL_CONFIG = ${JSON.stringify({ serviceUrl: opts.serviceUrl })};\n`);
  });
  app.use('/web', express.static(opts.webDir, { fallthrough: false }));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pageUrl: (hub, userId) => `${url}/?hub=${hub}&user=${encodeURIComponent(userId ?? opts.users[0].id)}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
