#!/usr/bin/env node
// Extract a trimmed AWS provider schema from an unpacked @cdktn/provider-aws npm package.
//
// usage: node extract-schema.mjs PACKAGE_DIR TYPES_FILE > aws-provider-schema.json
//
// The package holds CDK-for-Terraform bindings generated from the provider's
// `terraform providers schema -json`. For every kept type we read lib/<dir>/index.js:
//   - the class with `static tfResourceType = "<type>"` carries one comment per attribute:
//       // <snake_name> - computed: B, optional: B, required: B
//     nested objects carry the same comments in <Base>OutputReference classes;
//   - synthesizeHclAttributes() (top level) and <base>ToHclTerraform(struct) (nested) list
//     every configurable name with isBlock/type and, for nested blocks, the converter of
//     the nested struct: `fooToHclTerraform(x)` = at most one block, `listMapperHcl(...)` = many;
//   - computed-only nested attributes (e.g. master_user_secret) are found through
//     `new <Base>List(this, "<name>", ...)` field initialisers.
// index.d.ts is only used where a nested struct has no OutputReference class (provider config):
// `readonly x?:` = optional, `readonly x:` = required.
import fs from "node:fs";
import path from "node:path";

const [pkgDir, typesFile] = process.argv.slice(2);
if (!pkgDir || !typesFile) {
  console.error("usage: node extract-schema.mjs PACKAGE_DIR TYPES_FILE");
  process.exit(2);
}
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const providerVersion = pkg.cdktf?.provider?.version;
if (!providerVersion) throw new Error("package.json has no cdktf.provider.version");

function fail(msg) {
  console.error("extract-schema: " + msg);
  process.exit(1);
}

class Module {
  constructor(dir) {
    this.dir = dir;
    this.js = fs.readFileSync(path.join(dir, "index.js"), "utf8");
    this.dts = fs.readFileSync(path.join(dir, "index.d.ts"), "utf8");
    this.classes = new Map(); // name -> body
    this.functions = new Map(); // name -> body
    // Top-level declarations start at column 0; a declaration ends where the next starts.
    const re = /^(class|function) (\w+)/gm;
    const starts = [];
    let m;
    while ((m = re.exec(this.js))) starts.push({ kind: m[1], name: m[2], at: m.index });
    starts.forEach((s, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].at : this.js.length;
      (s.kind === "class" ? this.classes : this.functions).set(s.name, this.js.slice(s.at, end));
    });
  }

  // snake_name -> {computed, optional, required} from getter comments of a class body
  flags(className) {
    const body = this.classes.get(className);
    const out = new Map();
    if (!body) return out;
    const re = /^\s*\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$/gm;
    let m;
    while ((m = re.exec(body))) {
      out.set(m[1], { computed: m[2] === "true", optional: m[3] === "true", required: m[4] === "true" });
    }
    return out;
  }

  // snake_name -> element OutputReference class of complex (object-typed) fields of a class
  complexFields(className) {
    const body = this.classes.get(className) || "";
    const out = new Map();
    const re = /= new (\w+)\(this, "(\w+)"(, (true|false))?/g;
    let m;
    while ((m = re.exec(body))) {
      const sm = /(OutputReference|List|Map)$/.exec(m[1]);
      if (!sm) continue;
      const base = m[1].slice(0, -sm[1].length);
      const collection = sm[1] === "Map" ? "map" : sm[1] === "List" ? (m[4] === "true" ? "set" : "list") : "object";
      out.set(m[2], { cls: base + "OutputReference", collection });
    }
    return out;
  }

  // entries of an HCL synthesis map: name -> {isBlock, type, value}
  hclEntries(text) {
    const out = new Map();
    const re = /^\s+(\w+): \{\s*\n\s*value: (.*),\s*\n\s*isBlock: (true|false),\s*\n\s*type: "(\w+)",/gm;
    let m;
    while ((m = re.exec(text))) out.set(m[1], { value: m[2], isBlock: m[3] === "true", type: m[4] });
    return out;
  }

  // readonly camel?: -> optional, from an interface in index.d.ts
  interfaceOptional(ifaceName) {
    const start = this.dts.indexOf(`export interface ${ifaceName} {`);
    const out = new Map();
    if (start < 0) return out;
    const end = this.dts.indexOf("\n}", start);
    const re = /^\s+readonly (\w+)(\??):/gm;
    const body = this.dts.slice(start, end);
    let m;
    while ((m = re.exec(body))) out.set(m[1], m[2] === "?");
    return out;
  }
}

function ucfirst(s) {
  return s[0].toUpperCase() + s.slice(1);
}

// Computed-only object attributes: only getters exist; recurse through OutputReference classes.
function objectAttributes(mod, className, depth = 0) {
  if (depth > 12) fail("nesting too deep in " + className);
  const flags = mod.flags(className);
  const complex = mod.complexFields(className);
  const attrs = {};
  for (const [name, f] of [...flags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const a = { mode: mode(f) };
    const c = complex.get(name);
    if (c && mod.classes.has(c.cls)) {
      const nested = objectAttributes(mod, c.cls, depth + 1);
      if (Object.keys(nested).length) Object.assign(a, { collection: c.collection, attributes: nested });
    }
    attrs[name] = a;
  }
  return attrs;
}

function mode(f) {
  if (f.required) return "required";
  if (f.optional && f.computed) return "optional_computed";
  if (f.optional) return "optional";
  if (f.computed) return "computed";
  return "optional";
}

// Describe one object: the class holding flag comments (may be absent), the synthesis text
// (HCL map), an index.d.ts interface for fallback optionality.
function describe(mod, className, hclText, ifaceName, depth = 0) {
  if (depth > 12) fail("nesting too deep in " + className);
  const flags = mod.flags(className);
  const complex = mod.complexFields(className);
  const entries = mod.hclEntries(hclText);
  const ifaceOpt = mod.interfaceOptional(ifaceName);
  const attributes = {};
  const blocks = {};
  const names = new Set([...flags.keys(), ...entries.keys()]);
  for (const name of [...names].sort()) {
    const e = entries.get(name);
    let f = flags.get(name);
    if (!f && e) {
      const cm = /(?:struct\.|this\._)(\w+)\b/.exec(e.value);
      const camel = cm ? cm[1] : null;
      const opt = camel && ifaceOpt.has(camel) ? ifaceOpt.get(camel) : true;
      f = { computed: false, optional: opt, required: !opt };
    }
    const fn = e ? /(?<!cdktn\.)\b([a-z]\w*ToHclTerraform)\b/.exec(e.value) : null;
    if (e && e.isBlock) {
      if (!fn) fail(`block ${name} in ${className} has no nested converter`);
      const base = ucfirst(fn[1].replace(/ToHclTerraform$/, ""));
      const single = e.value.startsWith(fn[1] + "(");
      const body = mod.functions.get(fn[1]);
      if (!body) fail(`missing function ${fn[1]}`);
      const nested = describe(mod, base + "OutputReference", body, base, depth + 1);
      const b = {
        nesting: e.type === "struct" ? "single" : e.type === "set" ? "set" : "list",
        min: f.required ? 1 : 0,
        max: single ? 1 : 0,
      };
      // SDKv2 "attributes as blocks" (e.g. security group ingress): computed, block syntax allowed.
      if (f.computed) b.attr_as_block = true;
      b.attributes = nested.attributes;
      b.blocks = nested.blocks;
      blocks[name] = b;
    } else {
      const a = { mode: mode(f) };
      let c = complex.get(name);
      if (fn && !c) c = { cls: ucfirst(fn[1].replace(/ToHclTerraform$/, "")) + "OutputReference", collection: e.type === "struct" ? "object" : e.type };
      if (c && mod.classes.has(c.cls)) {
        const nested = objectAttributes(mod, c.cls, depth + 1);
        if (Object.keys(nested).length) Object.assign(a, { collection: c.collection, attributes: nested });
      }
      attributes[name] = a;
    }
  }
  return { attributes, blocks };
}

function topLevel(dir, tfType, baseClass) {
  if (!fs.existsSync(path.join(dir, "index.js"))) fail(`no bindings for ${tfType} at ${dir}`);
  const mod = new Module(dir);
  let cls = null;
  for (const [name, body] of mod.classes) {
    if (body.includes(`extends cdktn.${baseClass} {`) && body.includes(`static tfResourceType = "${tfType}";`)) cls = name;
  }
  if (!cls) fail(`no ${baseClass} class for ${tfType} in ${dir}`);
  const body = mod.classes.get(cls);
  const s = body.indexOf("synthesizeHclAttributes()");
  if (s < 0) fail(`no synthesizeHclAttributes in ${cls}`);
  return describe(mod, cls, body.slice(s), cls + "Config");
}

const lines = fs.readFileSync(typesFile, "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
const out = {
  provider_version: providerVersion,
  source: `${pkg.name}@${pkg.version}`,
  provider: topLevel(path.join(pkgDir, "lib", "provider"), "aws", "TerraformProvider"),
  resources: {},
  data_sources: {},
};
for (const line of lines) {
  const m = /^(resource|data)\s+(aws_\w+)$/.exec(line);
  if (!m) fail(`bad line in ${typesFile}: ${line}`);
  const [, kind, type] = m;
  const stem = type.replace(/^aws_/, "").replace(/_/g, "-");
  if (kind === "resource") {
    out.resources[type] = topLevel(path.join(pkgDir, "lib", stem), type, "TerraformResource");
  } else {
    out.data_sources[type] = topLevel(path.join(pkgDir, "lib", "data-aws-" + stem), type, "TerraformDataSource");
  }
}

// Readable layout: one line per attribute without nested attributes.
function emit(v, indent) {
  const pad = "  ".repeat(indent);
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  const keys = Object.keys(v);
  if (keys.length === 0) return "{}";
  const leaf = keys.every((k) => v[k] === null || typeof v[k] !== "object");
  if (leaf && keys.length <= 4) return "{" + keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(v[k])}`).join(", ") + "}";
  return "{\n" + keys.map((k) => `${pad}  ${JSON.stringify(k)}: ${emit(v[k], indent + 1)}`).join(",\n") + "\n" + pad + "}";
}
process.stdout.write(emit(out, 0) + "\n");
