// Runs stripe-node's constructEvent on a payload:
//   node verify.js --secret whsec_... --header 't=...,v1=...' [--payload TEXT]
//     [--tolerance SECONDS] [--now UNIX_SECONDS]
// (the payload is read from stdin when --payload is not given). Prints
// {"ok":true,"id":...} and exits 0, or {"ok":false,"error":...} and exits
// 1. With --jsonl, one answer per stdin line of the same arguments as JSON.
'use strict';

const { run, stripe } = require('./args.js');

run(({ payload, header, secret, tolerance, now }) => {
  try {
    const event = stripe.webhooks.constructEvent(
      payload,
      header,
      secret,
      tolerance === undefined ? undefined : Number(tolerance),
      undefined,
      now === undefined ? undefined : Number(now) * 1000,
    );
    return { ok: true, id: event.id };
  } catch (e) {
    return { ok: false, error: e.message.split('\n')[0] };
  }
});
