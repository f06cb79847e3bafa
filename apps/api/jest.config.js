// Every API spec, for ad-hoc runs (`npx jest -c apps/api/jest.config.js path`); the Nx targets
// `api:test` and `api:integration` run each layer with its own config.
module.exports = { projects: ['<rootDir>/jest.unit.config.js', '<rootDir>/jest.integration.config.js'], rootDir: __dirname };
