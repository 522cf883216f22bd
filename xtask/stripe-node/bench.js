// stripe-node's constructEvent on the bytes codegen/model-tests/benches/webhook.rs
// measures: Stripe's identity.verification_session fixture wrapped as an
// event, keys sorted, two-space indents, the same secret and timestamp,
// and the clock fixed at the timestamp (constructEvent's receivedAt).
//   node xtask/stripe-node/bench.js [ITERATIONS]
// reads ../shared/stripe-openapi/fixtures3.2026-08-21.json, or the file in
// $STRIPE_OPENAPI_DIR. Prints the median ns per call over 5 runs.
//   node xtask/stripe-node/bench.js --stdin
// is how codegen/benches/runtime/benches/webhook.rs times stripe-node in
// the same run as the Rust contenders: it prints the header, then for each
// stdin line N runs N constructEvent calls on the Buffer and prints the
// ns per call.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { stripe } = require('./args.js');

const SECRET = 'whsec_bench_0123456789abcdef';
const T = 1780000000;

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted(value[key]);
  return out;
}

function payload() {
  const dir =
    process.env.STRIPE_OPENAPI_DIR ||
    path.join(__dirname, '../../../shared/stripe-openapi');
  const fixtures = JSON.parse(
    fs.readFileSync(path.join(dir, 'fixtures3.2026-08-21.json'), 'utf8'),
  );
  const event = {
    id: 'evt_1Pgc7GB7WZ01zgkWbench',
    object: 'event',
    api_version: '2026-07-29.dahlia',
    created: T,
    data: { object: fixtures.resources['identity.verification_session'] },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'identity.verification_session.verified',
  };
  return Buffer.from(JSON.stringify(sorted(event), null, 2));
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(name, iterations, call) {
  for (let i = 0; i < Math.min(iterations, 20000); i++) call();
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) call();
    runs.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  console.log(`${name}: ${median(runs).toFixed(0)} ns per call (median of 5 runs of ${iterations})`);
}

const body = payload();
const header = stripe.webhooks.generateTestHeaderString({
  payload: body.toString('utf8'),
  secret: SECRET,
  timestamp: T,
});
const receivedAt = T * 1000;
const construct = () =>
  stripe.webhooks.constructEvent(body, header, SECRET, undefined, undefined, receivedAt);

if (process.argv[2] === '--stdin') {
  console.log(header);
  require('node:readline')
    .createInterface({ input: process.stdin })
    .on('line', (line) => {
      const n = Number(line);
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) construct();
      console.log(Number(process.hrtime.bigint() - start) / n);
    });
} else {
  const iterations = Number(process.argv[2] || 100000);
  console.log(`payload: ${body.length} bytes; header: ${header}`);
  time('constructEvent (Buffer)', iterations, construct);
  time('signature.verifyHeader alone', iterations, () =>
    stripe.webhooks.signature.verifyHeader(body, header, SECRET, 300, undefined, receivedAt),
  );
  const text = body.toString('utf8');
  time('constructEvent (string)', iterations, () =>
    stripe.webhooks.constructEvent(text, header, SECRET, undefined, undefined, receivedAt),
  );
  time('JSON.parse alone', iterations, () => JSON.parse(text));
}
