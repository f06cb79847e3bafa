'use strict';
// Preloaded into a connector only for `bench:paced`'s census pass (`node --require`): counts the async
// resources it creates by type (Timeout, Immediate, TickObject, TCPWRAP ...; promises left out) and
// writes the totals to stderr as one `RESOURCE_CENSUS {json}` line on SIGUSR2. With
// RESOURCE_CENSUS_STACKS=Timeout,Immediate (types) it also counts where those are created (the first
// frames outside Node's internals), printed as `RESOURCE_CENSUS_STACKS {json}`. An async hook costs CPU
// of its own, so CPU is never measured with it loaded.

const { createHook } = require('async_hooks');

const counts = Object.create(null);
const stackTypes = new Set((process.env.RESOURCE_CENSUS_STACKS || '').split(',').filter(Boolean));
const stacks = Object.create(null);

function creationSite() {
  const frames = new Error().stack.split('\n').slice(1).map((l) => l.trim());
  return frames
    .filter((f) => !f.includes('node:') && !f.includes('resource-census.js'))
    .slice(0, 3)
    .map((f) => f.replace(/^at /, '').replace(/\(.*node_modules\//, '(').replace(/\(.*dist\/apps\/api\//, '(api/'))
    .join(' < ');
}

createHook({
  init(_id, type) {
    if (type === 'PROMISE') return;
    counts[type] = (counts[type] || 0) + 1;
    if (stackTypes.has(type)) {
      const key = `${type} ${creationSite()}`;
      stacks[key] = (stacks[key] || 0) + 1;
    }
  },
}).enable();

process.on('SIGUSR2', () => {
  process.stderr.write(`RESOURCE_CENSUS ${JSON.stringify(counts)}\n`);
  if (stackTypes.size) process.stderr.write(`RESOURCE_CENSUS_STACKS ${JSON.stringify(stacks)}\n`);
});
