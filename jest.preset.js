const path = require('path');

// uuid@13 and node-fetch@3 (pulled in by the Vonage SDK) are ESM-only; Jest's CommonJS runtime
// cannot load them, so tests map them to small shims over Node's own crypto and fetch.
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
    // ESM-only packages in the server's dependency tree, compiled to CommonJS for Jest.
    '^.+/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@otc/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@otc/vonage-sim$': path.join(__dirname, 'libs/vonage-sim/src/index.ts'),
    '^@otc/e2e-support$': path.join(__dirname, 'e2e/support/index.ts'),
    '^uuid$': path.join(__dirname, 'tools/jest/uuid-shim.js'),
    '^node-fetch$': path.join(__dirname, 'tools/jest/node-fetch-shim.js'),
  },
  testMatch: ['**/*.spec.ts'],
};
