// Shared by sign.js and verify.js: `--name value` arguments, the payload
// from `--payload` or else from stdin, and the JSON-lines batch mode.
'use strict';

const fs = require('node:fs');
const Stripe = require('stripe');

const stripe = new Stripe('sk_test_unused');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const name = arg.slice(2);
    if (name === 'jsonl') {
      args.jsonl = true;
    } else if (i + 1 < argv.length) {
      args[name] = argv[++i];
    } else {
      throw new Error(`${arg} needs a value`);
    }
  }
  return args;
}

// With --jsonl, each stdin line is a JSON object of arguments and each
// answer one line of stdout; otherwise one call from the command line.
function run(call) {
  const args = parseArgs(process.argv.slice(2));
  if (args.jsonl) {
    const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l !== '');
    for (const line of lines) console.log(JSON.stringify(call(JSON.parse(line))));
    return;
  }
  if (args.payload === undefined) args.payload = fs.readFileSync(0, 'utf8');
  const answer = call(args);
  console.log(typeof answer === 'string' ? answer : JSON.stringify(answer));
  if (answer.ok === false) process.exitCode = 1;
}

module.exports = { run, stripe };
