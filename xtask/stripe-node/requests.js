// What stripe-node sends, for the request cross-checks
// (codegen/model-tests/tests/stripe_node_requests.rs). One JSON object a
// stdin line, one answer a stdout line:
//   {"form": PARAMS}                     -> {"text": the form encoding}
//   {"multipart": PARAMS, "file": {"key", "data_hex", "name", "type"}}
//                                        -> {"boundary", "body_hex"}
//   {"paging": PARAMS, "pages": [PAGE, ...]}
//                                        -> {"requests": [path?query, ...],
//                                            "ids": [...], "error": message?}
// Paging runs stripe.events.list(PARAMS).autoPagingEach against a server
// on 127.0.0.1 that answers PAGE after PAGE and records each request.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const Stripe = require('stripe');
// Not in the package's exports: required by file, from its own folder.
const cjs = path.dirname(require.resolve('stripe'));
const utils = require(path.join(cjs, 'utils.js'));
const { multipartRequestDataProcessor } = require(path.join(cjs, 'multipart.js'));

function form(params) {
  return { text: utils.queryStringifyRequestData(params) };
}

function multipart(params, file) {
  const data = { ...params };
  data[file.key] = {
    data: Buffer.from(file.data_hex, 'hex'),
    name: file.name,
    type: file.type,
  };
  const headers = {};
  const self = {
    _stripe: {
      _platformFunctions: {
        tryBufferData: async (d) => d,
        uuid4: () => 'stripe-node-boundary',
      },
    },
  };
  return new Promise((resolve, reject) => {
    multipartRequestDataProcessor.call(self, 'POST', data, headers, (err, body) => {
      if (err) return reject(err);
      resolve({
        boundary: 'stripe-node-boundary',
        content_type: headers['Content-Type'],
        body_hex: Buffer.from(body).toString('hex'),
      });
    });
  });
}

async function paging(params, pages) {
  const requests = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const page = pages[Math.min(next, pages.length - 1)];
    next += 1;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': `req_${next}` });
    res.end(JSON.stringify(page));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stripe = new Stripe('sk_test_123', {
    host: '127.0.0.1',
    port: server.address().port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const ids = [];
  let error;
  try {
    await stripe.events.list(params).autoPagingEach((item) => {
      ids.push(item.id);
      // Bounded: a list that does not advance would never end.
      return ids.length < 100;
    });
  } catch (e) {
    error = e.message;
  }
  server.close();
  return { requests, ids, error };
}

async function main() {
  const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l !== '');
  for (const line of lines) {
    const call = JSON.parse(line);
    let answer;
    if (call.form !== undefined) answer = form(call.form);
    else if (call.multipart !== undefined) answer = await multipart(call.multipart, call.file);
    else if (call.paging !== undefined) answer = await paging(call.paging, call.pages);
    else throw new Error(`unknown call ${line}`);
    console.log(JSON.stringify(answer));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
