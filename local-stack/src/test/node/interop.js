'use strict';
// A third-party client of the Confluent Schema Registry API, @kafkajs/confluent-schema-registry (with avsc),
// against idaas's embedded registry. Run by io.idaas.stack.registry.KafkajsInteropTest; prints one JSON line.
//
//   node interop.js REGISTRY_URL encode SUBJECT SCHEMA_JSON VALUE_JSON  -> {"id":N,"hex":"00..."}
//   node interop.js REGISTRY_URL decode HEX                             -> {"id":N,"value":{...}}
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

async function main([url, command, ...args]) {
  const registry = new SchemaRegistry({ host: url, retry: { retries: 0 } });
  if (command === 'encode') {
    const [subject, schema, value] = args;
    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    const bytes = await registry.encode(id, JSON.parse(value));
    return { id, hex: bytes.toString('hex') };
  }
  if (command === 'decode') {
    const bytes = Buffer.from(args[0], 'hex');
    const value = await registry.decode(bytes);
    return { id: bytes.readInt32BE(1), value };
  }
  throw new Error(`unknown command '${command}': use encode or decode`);
}

main(process.argv.slice(2)).then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(`interop.js failed: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  });
