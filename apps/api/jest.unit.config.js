// Unit specs: beside the code; no database, no Redis, no network.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.integration\\.spec\\.ts$'],
  testTimeout: 10_000,
};
