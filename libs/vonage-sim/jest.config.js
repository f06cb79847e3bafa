module.exports = { ...require('../../jest.preset.js'), displayName: 'vonage-sim', rootDir: __dirname };
