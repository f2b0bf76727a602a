// Jest manual mock of azure-devops-extension-sdk (mapped in jest.config.js for the web project):
// the real module is AMD/ESM and needs a host frame. Every export is a jest.fn with a harmless
// default; tests override with mockReturnValue / mockResolvedValue and reset with resetSdkMock().

export enum HostType {
  Unknown = 0,
  Deployment = 1,
  Enterprise = 2,
  Organization = 4,
}

export const sdkVersion = 4.2;

export const DEFAULTS = {
  host: { id: 'host-0001', name: 'contoso', serviceVersion: 'test', type: HostType.Organization, isHosted: true },
  user: { id: 'user-0001', name: 'ada@contoso.test', displayName: 'Ada Admin', descriptor: 'aad.user', imageUrl: '' },
  extension: { id: 'vigil-security.vigil-dev', publisherId: 'vigil-security', extensionId: 'vigil-dev', version: '0.1.0' },
  appToken: 'test-app-token',
  accessToken: 'test-access-token',
};

type Impl = (...args: never[]) => unknown;
const defaults = new Map<jest.Mock, Impl>();
function mockFn(impl: Impl): jest.Mock {
  const fn = jest.fn(impl as (...args: unknown[]) => unknown);
  defaults.set(fn, impl);
  return fn;
}

export const init = mockFn(async (_options?: { loaded?: boolean; applyTheme?: boolean }) => undefined);
export const ready = mockFn(async () => undefined);
export const notifyLoadSucceeded = mockFn(async () => undefined);
export const notifyLoadFailed = mockFn(async (_e: unknown) => undefined);
export const getHost = mockFn(() => DEFAULTS.host);
export const getUser = mockFn(() => DEFAULTS.user);
export const getExtensionContext = mockFn(() => DEFAULTS.extension);
export const getContributionId = mockFn(() => `${DEFAULTS.extension.id}.test-contribution`);
export const getConfiguration = mockFn((): Record<string, unknown> => ({}));
export const getWebContext = mockFn(() => ({ project: undefined, team: undefined }));
export const getPageContext = mockFn(() => ({ webContext: getWebContext() }));
export const getTeamContext = mockFn(() => undefined);
export const getService = mockFn(async (contributionId: string): Promise<unknown> => {
  throw new Error(`sdk-mock: no service ${contributionId}`);
});
export const getAccessToken = mockFn(async () => DEFAULTS.accessToken);
export const getAppToken = mockFn(async () => DEFAULTS.appToken);
export const resize = mockFn((_w?: number, _h?: number) => undefined);
export const register = mockFn((_id: string, _instance: unknown) => undefined);
export const unregister = mockFn((_id: string) => undefined);
export const applyTheme = mockFn((_theme: Record<string, string>) => undefined);

/** Forget recorded calls and every override: the defaults above come back. */
export function resetSdkMock(): void {
  for (const [fn, impl] of defaults) {
    fn.mockReset();
    fn.mockImplementation(impl);
  }
}
