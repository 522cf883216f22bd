// A minimal webhook endpoint on stripe-node, the peer of the Rust example
// endpoint in codegen/model-tests/examples/webhook_load.rs: each POST's body
// through constructEvent, 200 when it passes, 400 with the error otherwise.
//   node xtask/stripe-node/server.js SECRET
// listens on a free port of 127.0.0.1 and prints it.
'use strict';

const http = require('node:http');
const { stripe } = require('./args.js');

const secret = process.argv[2];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      stripe.webhooks.constructEvent(
        Buffer.concat(chunks),
        req.headers['stripe-signature'],
        secret,
      );
      res.writeHead(200);
      res.end();
    } catch (e) {
      res.writeHead(400);
      res.end(e.message);
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
