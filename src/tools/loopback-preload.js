// Loaded with `node --require` into the Agents Playground, which listens on every interface:
// a listen() call without a host gets 127.0.0.1, so the Playground stays on loopback.
'use strict';
const net = require('node:net');
const original = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (
    first &&
    typeof first === 'object' &&
    !Array.isArray(first) &&
    first.port !== undefined &&
    !first.host &&
    !first.path
  ) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return original.apply(this, args);
};
