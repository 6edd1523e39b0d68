'use strict';
// A third-party client of the Confluent Schema Registry API, @kafkajs/confluent-schema-registry (with avsc),
// against idaas's embedded registry. Run by io.idaas.stack.registry.KafkajsInteropTest; prints one JSON line per
// value.
//
//   node interop.js REGISTRY_URL encode SUBJECT SCHEMA_JSON VALUE_JSON  -> {"id":N,"hex":"00..."}  (registers SCHEMA_JSON)
//   node interop.js REGISTRY_URL encode-latest SUBJECT VALUE_JSON...    -> {"id":N,"hex":"00..."}  per value, with the
//                                                                          subject's latest schema, fetched by subject
//   node interop.js REGISTRY_URL decode HEX...                          -> {"id":N,"value":{...}}  per value, the writer
//                                                                          schema fetched by the id in the record
//
// Values are avsc's own JavaScript form (the client's defaults: a union of null and one type is unwrapped, other
// unions are wrapped as {"branch": value}), written as JSON with two conventions JSON needs: a Buffer (Avro bytes)
// is its base64 text, and a non-finite double is the string "NaN", "Infinity" or "-Infinity". Values read from the
// command line follow the same conventions: {"bytes": "<base64>"} and {"double": "NaN"} become a Buffer and NaN.
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

async function main([url, command, ...args]) {
  const registry = new SchemaRegistry({ host: url, retry: { retries: 0 } });
  if (command === 'encode') {
    const [subject, schema, value] = args;
    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    return [await encode(registry, id, value)];
  }
  if (command === 'encode-latest') {
    const [subject, ...values] = args;
    const id = await registry.getLatestSchemaId(subject);
    return Promise.all(values.map((value) => encode(registry, id, value)));
  }
  if (command === 'decode') {
    return Promise.all(args.map(async (hex) => {
      const bytes = Buffer.from(hex, 'hex');
      return { id: bytes.readInt32BE(1), value: await registry.decode(bytes) };
    }));
  }
  throw new Error(`unknown command '${command}': use encode, encode-latest or decode`);
}

async function encode(registry, id, json) {
  const bytes = await registry.encode(id, JSON.parse(json, fromJson));
  return { id, hex: bytes.toString('hex') };
}

function toJson(key, value) {
  const original = this[key]; // before Buffer.prototype.toJSON
  if (Buffer.isBuffer(original)) {
    return original.toString('base64');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return String(value);
  }
  return value;
}

function fromJson(key, value) {
  if (key === 'bytes' && typeof value === 'string') {
    return Buffer.from(value, 'base64');
  }
  if (key === 'double' && typeof value === 'string') {
    return Number(value);
  }
  return value;
}

main(process.argv.slice(2)).then(
  (results) => results.forEach((result) => console.log(JSON.stringify(result, toJson))),
  (error) => {
    console.error(`interop.js failed: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  });
