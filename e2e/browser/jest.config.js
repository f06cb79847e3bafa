module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'browser-e2e',
  rootDir: __dirname,
  testMatch: ['**/*.e2e.spec.ts'],
  testTimeout: 120_000,
};
