// One `npm test`: unit (node), web components (jsdom), integration and browser suites.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)sx?$': tsJest },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/out/'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testEnvironment: 'node',
      testMatch: ['<rootDir>/service/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'web', testEnvironment: 'jsdom', setupFiles: ['<rootDir>/test/support/jsdom-setup.js'],
      testMatch: ['<rootDir>/web/**/*.test.tsx', '<rootDir>/web/**/*.test.ts'],
      transformIgnorePatterns: ['node_modules/(?!(azure-devops-ui|azure-devops-extension-sdk|azure-devops-extension-api)/)'],
      moduleNameMapper: { '\\.(css|scss)$': '<rootDir>/test/support/style-mock.js',
        '^azure-devops-extension-sdk$': '<rootDir>/test/support/sdk-mock.ts' } },
    { ...common, displayName: 'integration', testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'browser', testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
  testTimeout: 60000,
};
