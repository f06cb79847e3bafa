// Integration specs: the app in process on a real PostgreSQL (embedded without DATABASE_URL) and Redis.
// Booting and migrating a database is slow on a busy machine: the timeout is generous.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.integration.spec.ts'],
  testTimeout: 120_000,
};
