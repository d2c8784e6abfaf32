// Validates YAML manifests against a JSON Schema with Ajv (draft 07, formats from
// ajv-formats): a validator that did not come from aurora-gen. The YAML is read with the
// `yaml` package under YAML 1.2's core schema, as aurora-gen reads it, never by aurora-gen.
// usage: node schema-check.mjs SCHEMA.json MANIFEST.yaml...
// Output: FILE: error: /json/pointer message; exit 0 all valid, 1 some invalid, 2 usage.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node schema-check.mjs SCHEMA.json MANIFEST.yaml...');
  process.exit(2);
}
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
let invalid = 0;
for (const file of files) {
  const doc = parse(readFileSync(file, 'utf8'), { version: '1.2', schema: 'core' });
  if (validate(doc)) continue;
  invalid++;
  for (const e of validate.errors) console.log(`${file}: error: ${e.instancePath || '/'} ${e.message}`);
}
console.log(`${files.length - invalid} valid, ${invalid} invalid`);
process.exit(invalid ? 1 : 0);
