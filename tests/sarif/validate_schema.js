#!/usr/bin/env node
// JSON-schema check of SARIF logs, independent of the SARIF Multitool.
//
// Usage: node validate_schema.js SCHEMA.json LOG.sarif...
// Prints one JSON object per log on standard output:
//   {"file": ..., "ok": true|false, "errors": [{"path", "keyword", "message", "params"}]}
// Exit status: 0 every log is valid, 1 some log is not, 2 the schema or a log
// could not be read or compiled.
//
// Run with NODE_PATH pointing at the node_modules that `npm ci` made from
// package-lock.json beside this file (test_sarif.py does).
'use strict';

const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;
const Ajv07 = require('ajv').default;
const addFormats = require('ajv-formats').default;

function main(argv) {
  if (argv.length < 2) {
    process.stderr.write('usage: validate_schema.js SCHEMA.json LOG.sarif...\n');
    return 2;
  }
  const [schemaPath, ...logs] = argv;
  let schema;
  try {
    schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  } catch (e) {
    process.stderr.write(`cannot read schema ${schemaPath}: ${e.message}\n`);
    return 2;
  }
  // The schema says which draft it follows: the SARIF SDK's copy declares
  // 2020-12, OASIS's draft-07. Use the matching engine; both validate
  // "format" (uri, uri-reference, date-time, uuid) through ajv-formats.
  // Strict, so that no keyword of the schema is silently ignored; only
  // strictRequired is off (the schema's anyOf branches require properties
  // declared one level up, which is legal JSON Schema).
  const draft = String(schema.$schema || '');
  const Engine = draft.includes('2020-12') ? Ajv2020 : Ajv07;
  const ajv = new Engine({allErrors: true, strict: true, strictRequired: false,
                          validateFormats: true});
  addFormats(ajv);
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    process.stderr.write(`cannot compile schema ${schemaPath}: ${e.message}\n`);
    return 2;
  }

  let status = 0;
  for (const file of logs) {
    let log;
    try {
      log = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      process.stdout.write(JSON.stringify({file, ok: false, errors: [
        {path: '', keyword: 'json', message: `not JSON: ${e.message}`, params: {}}]}) + '\n');
      status = Math.max(status, 1);
      continue;
    }
    const ok = validate(log);
    const errors = ok ? [] : validate.errors.map(e => ({
      path: e.instancePath || '/',
      keyword: e.keyword,
      message: e.message,
      params: e.params,
    }));
    process.stdout.write(JSON.stringify({file, ok, errors}) + '\n');
    if (!ok)
      status = Math.max(status, 1);
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
