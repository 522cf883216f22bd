// Prints stripe-node's test header for a payload:
//   node sign.js --secret whsec_... --timestamp 1700000000 [--payload TEXT]
// (the payload is read from stdin when --payload is not given), or, with
// --jsonl, one header (as a JSON string) per stdin line
// {"payload": ..., "secret": ..., "timestamp": ...}.
'use strict';

const { run, stripe } = require('./args.js');

run(({ payload, secret, timestamp }) =>
  stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: Number(timestamp),
  }),
);
