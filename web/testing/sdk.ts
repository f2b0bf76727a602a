// The SDK as the web tests see it: jest.config.js maps azure-devops-extension-sdk to a manual mock
// whose every export is a jest.fn, plus resetSdkMock() to bring the defaults back.
import * as SDK from 'azure-devops-extension-sdk';

export type SdkMock = { [K in keyof typeof SDK]: jest.Mock } & { resetSdkMock(): void };

export const sdk = SDK as unknown as SdkMock;
