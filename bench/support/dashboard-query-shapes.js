'use strict';
// The dashboard's SQL before and after this branch's changes, timed against each other on the same data.
const QUERY_SHAPES = [];
module.exports = { QUERY_SHAPES };
