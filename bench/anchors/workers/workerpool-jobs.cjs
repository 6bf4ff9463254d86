// Jobs for workerpool workers.
const workerpool = require('workerpool');

workerpool.worker({
  add: (a, b) => a + b,
  count: (n) => {
    let c = 0;
    while (c < n) c++;
    return c;
  },
});
