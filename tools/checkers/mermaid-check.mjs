// Parses Mermaid diagrams with Mermaid's own parser (the `mermaid` package GitHub's
// renderer is built on), in Node with jsdom standing in for the browser's DOM that its
// label sanitiser needs.
// usage: node mermaid-check.mjs FILE...   (a .md file: each ```mermaid block; else the file)
// Output: FILE: error: message; exit 0 all parse, 1 some do not, 2 usage.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node mermaid-check.mjs FILE...');
  process.exit(2);
}
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

function diagrams(file) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.md')) return [text];
  return [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

let failed = 0;
let parsed = 0;
for (const file of files) {
  const found = diagrams(file);
  if (found.length === 0) {
    console.log(`${file}: error: no Mermaid diagram`);
    failed++;
  }
  for (const text of found) {
    try {
      const result = await mermaid.parse(text);
      if (result.diagramType !== 'flowchart-v2') throw new Error(`a ${result.diagramType}, not a flowchart`);
      parsed++;
    } catch (e) {
      console.log(`${file}: error: ${String(e.message ?? e).split('\n').join('\n  ')}`);
      failed++;
    }
  }
}
console.log(`${parsed} parsed, ${failed} failed`);
process.exit(failed ? 1 : 0);
