// The fake ADO host frame around a running stack: the hubs of contoso, in project Storefront, on
// repository web-storefront, pull request !42 (or the one given). Shared by the demo, the previews and the browser test.
import path from 'node:path';
import type { Stack } from '../support/stack';
import { startHostServer, type HostServer } from './host-server';

export const WEB_DIR = path.resolve(__dirname, '..', '..', 'dist', 'web');

export function hostForStack(stack: Stack, opts: { port?: number; pullRequestId?: number } = {}): Promise<HostServer> {
  const contoso = stack.fakeAdo.orgs.contoso;
  const storefront = contoso.projects.find((p) => p.name === 'Storefront') ?? contoso.projects[0];
  const repo = storefront.repos.find((r) => r.name === 'web-storefront') ?? storefront.repos[0];
  return startHostServer({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    webDir: WEB_DIR,
    serviceUrl: stack.serviceUrl,
    org: { name: contoso.name, id: contoso.id },
    users: [stack.users.admin, stack.users.dev],
    appSecret: stack.appSecret,
    project: { id: storefront.id, name: storefront.name },
    repository: { id: repo.id, name: repo.name },
    pullRequestId: opts.pullRequestId ?? 42,
    adoUrl: stack.org.url,
  });
}
