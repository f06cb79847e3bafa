const { randomUUID } = require('crypto');
module.exports = { v4: () => randomUUID(), default: { v4: () => randomUUID() } };
