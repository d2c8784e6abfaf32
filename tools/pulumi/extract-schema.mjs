#!/usr/bin/env node
// Builds tools/pulumi/pulumi-<pkg>-schema.json from an unpacked @pulumi/<pkg> npm package.
//
//   node extract-schema.mjs PACKAGE_DIR TYPES_TXT > pulumi-aws-schema.json
//
// PACKAGE_DIR is the `package/` directory of `npm pack @pulumi/aws@X` or `@pulumi/std@X` (see
// refresh-schema.sh); only the TYPES_TXT lines of that package's namespace are extracted.
// Every .d.ts / .js file is parsed with the TypeScript compiler API; nothing is matched by regex.
//
// Type notation in the output:
//   "string" | "number" | "boolean" | "any"
//   {"list": T}  {"map": T}  {"union": [T, ...]}
//   {"object": {name: {"required": bool, "type": T}}}   (inputs, function arguments)
//   {"object": {name: T}}                                (outputs, function results)
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

function die(msg) { process.stderr.write(`extract-schema: ${msg}\n`); process.exit(2); }

const [pkgDir, typesTxt] = process.argv.slice(2);
if (!pkgDir || !typesTxt) die('usage: extract-schema.mjs PACKAGE_DIR TYPES_TXT');

const pkgJson = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const ns = pkgJson.name.replace(/^@pulumi\//, '');  // token namespace: aws, std
const warnings = [];

const sourceCache = new Map();
function parse(file) {
  if (!sourceCache.has(file)) {
    if (!fs.existsSync(file)) die(`missing ${file}`);
    const kind = file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    sourceCache.set(file, ts.createSourceFile(file, fs.readFileSync(file, 'utf8'),
      ts.ScriptTarget.Latest, true, kind));
  }
  return sourceCache.get(file);
}

const hasExport = (n) => (ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Export) !== 0;
const isStatic = (n) => (ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Static) !== 0;
const propName = (n) => (ts.isIdentifier(n) || ts.isStringLiteral(n)) ? n.text : n.getText();

// ---- named types: types/input.d.ts and types/output.d.ts ------------------------------
// `export declare namespace rds { interface ClusterServerlessv2ScalingConfiguration {...} }`
// A package without named types (@pulumi/std) has no such files.
function collectNamespaceInterfaces(file) {
  const out = new Map(); // "rds.ClusterMasterUserSecret" -> InterfaceDeclaration
  if (!fs.existsSync(file)) return out;
  const walk = (stmts, prefix) => {
    for (const s of stmts) {
      if (ts.isModuleDeclaration(s) && s.body) {
        const name = prefix ? `${prefix}.${s.name.text}` : s.name.text;
        if (ts.isModuleBlock(s.body)) walk(s.body.statements, name);
      } else if (ts.isInterfaceDeclaration(s)) {
        out.set(prefix ? `${prefix}.${s.name.text}` : s.name.text, s);
      }
    }
  };
  walk(parse(file).statements, '');
  return out;
}
const named = {
  inputs: collectNamespaceInterfaces(path.join(pkgDir, 'types/input.d.ts')),
  outputs: collectNamespaceInterfaces(path.join(pkgDir, 'types/output.d.ts')),
};

// ---- TypeScript type node -> schema type -----------------------------------------------
function entityName(n) {
  return ts.isIdentifier(n) ? n.text : `${entityName(n.left)}.${n.right.text}`;
}

function convert(node, ctx, stack) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword: return 'string';
    case ts.SyntaxKind.NumberKeyword: return 'number';
    case ts.SyntaxKind.BooleanKeyword: return 'boolean';
    case ts.SyntaxKind.AnyKeyword: case ts.SyntaxKind.UnknownKeyword: return 'any';
    case ts.SyntaxKind.UndefinedKeyword: return null;
    case ts.SyntaxKind.LiteralType: {
      const l = node.literal;
      if (l.kind === ts.SyntaxKind.NullKeyword || l.kind === ts.SyntaxKind.UndefinedKeyword) return null;
      if (ts.isStringLiteral(l)) return 'string';
      if (ts.isNumericLiteral(l)) return 'number';
      if (l.kind === ts.SyntaxKind.TrueKeyword || l.kind === ts.SyntaxKind.FalseKeyword) return 'boolean';
      return 'any';
    }
    case ts.SyntaxKind.ParenthesizedType: return convert(node.type, ctx, stack);
    case ts.SyntaxKind.ArrayType: return { list: convert(node.elementType, ctx, stack) ?? 'any' };
    case ts.SyntaxKind.UnionType: {
      const parts = [];
      for (const t of node.types) {
        const c = convert(t, ctx, stack);
        if (c === null) continue;
        if (!parts.some((p) => JSON.stringify(p) === JSON.stringify(c))) parts.push(c);
      }
      if (parts.length === 0) return null;
      if (parts.includes('any')) return 'any';
      return parts.length === 1 ? parts[0] : { union: parts };
    }
    case ts.SyntaxKind.TypeLiteral: {
      // `{ [key: string]: T }` is a map; anything else is an inline object.
      const idx = node.members.find(ts.isIndexSignatureDeclaration);
      if (idx) return { map: convert(idx.type, ctx, stack) ?? 'any' };
      return { object: members(node.members, ctx, stack) };
    }
    case ts.SyntaxKind.TypeReference: {
      const name = entityName(node.typeName);
      const args = node.typeArguments ?? [];
      if (name === 'pulumi.Input' || name === 'pulumi.Output' || name === 'Promise') {
        return convert(args[0], ctx, stack);
      }
      if (name === 'Array' || name === 'ReadonlyArray') return { list: convert(args[0], ctx, stack) ?? 'any' };
      if (name === 'Record') return { map: convert(args[1], ctx, stack) ?? 'any' };
      if (name.startsWith('enums.')) return 'string';
      // The TypeScript SDK overlays `string | inputs.iam.PolicyDocument` on policy properties;
      // the provider schema (what Pulumi YAML checks against) says string, so drop the overlay.
      if (/^(inputs|outputs)\.iam\.PolicyDocument$/.test(name)) return null;
      const m = /^(inputs|outputs)\.(.+)$/.exec(name);
      if (m) {
        const decl = named[m[1]].get(m[2]);
        if (!decl) { warnings.push(`unresolved ${name}`); return 'any'; }
        if (stack.includes(name)) return 'any'; // recursive type: stop here
        return { object: members(decl.members, { ...ctx, side: m[1] }, [...stack, name]) };
      }
      // pulumi.asset.*, pulumi.ID, local aliases such as ARN ...: opaque.
      if (name === 'ARN' || name === 'pulumi.ID') return 'string';
      // SDK overlays accept a resource object (`Role`, `Topic`) where the schema wants its
      // ARN/name string: the import is a resource class, the wire type is string.
      if (/^[A-Z]\w*$/.test(name) && importedFrom(node, name)) return 'string';
      warnings.push(`opaque type ${name} -> any`);
      return 'any';
    }
    default:
      warnings.push(`unhandled type syntax ${ts.SyntaxKind[node.kind]} -> any`);
      return 'any';
  }
}

// Is `name` imported into node's file from another module of the package (a resource class)?
function importedFrom(node, name) {
  for (const s of node.getSourceFile().statements) {
    if (!ts.isImportDeclaration(s) || !s.importClause?.namedBindings) continue;
    const nb = s.importClause.namedBindings;
    if (ts.isNamedImports(nb) && nb.elements.some((e) => e.name.text === name)) return true;
  }
  return false;
}

// Property signatures of an interface / type literal.
function members(list, ctx, stack) {
  const out = {};
  for (const m of list) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const t = convert(m.type, ctx, stack) ?? 'any';
    out[propName(m.name)] = ctx.side === 'outputs' ? t : { required: !m.questionToken, type: t };
  }
  return sortKeys(out);
}

function sortKeys(o) {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

// ---- per-file lookups ------------------------------------------------------------------
function findTop(sf, pred) {
  for (const s of sf.statements) if (pred(s)) return s;
  return undefined;
}
const findInterface = (sf, name) =>
  findTop(sf, (s) => ts.isInterfaceDeclaration(s) && s.name.text === name && hasExport(s));

// In the compiled .js: `static __pulumiType = '...'` (resources) and
// `pulumi.runtime.invoke("token", ...)` (functions); `aliases: [{ type: "..." }]` if any.
function jsFacts(jsFile) {
  const sf = parse(jsFile);
  const facts = { pulumiType: undefined, invokes: new Set(), aliases: new Set() };
  const visit = (n) => {
    if (ts.isPropertyDeclaration(n) && isStatic(n) && propName(n.name) === '__pulumiType'
        && n.initializer && ts.isStringLiteralLike(n.initializer)) {
      facts.pulumiType = n.initializer.text;
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)
        && ['invoke', 'invokeOutput'].includes(n.expression.name.text)
        && n.arguments.length > 0 && ts.isStringLiteralLike(n.arguments[0])) {
      facts.invokes.add(n.arguments[0].text);
    }
    if (ts.isPropertyAssignment(n) && propName(n.name) === 'aliases'
        && ts.isArrayLiteralExpression(n.initializer)) {
      for (const e of n.initializer.elements) {
        if (!ts.isObjectLiteralExpression(e)) continue;
        for (const p of e.properties) {
          if (ts.isPropertyAssignment(p) && propName(p.name) === 'type' && ts.isStringLiteralLike(p.initializer)) {
            facts.aliases.add(p.initializer.text);
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return facts;
}

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
const moduleDir = (mod) => (mod === 'index' ? pkgDir : path.join(pkgDir, mod));

function extractResource(short, className, fileBase, mod) {
  const dts = parse(path.join(moduleDir(mod), `${fileBase}.d.ts`));
  const facts = jsFacts(path.join(moduleDir(mod), `${fileBase}.js`));
  if (!facts.pulumiType) die(`${short}: no __pulumiType in ${fileBase}.js`);
  const cls = findTop(dts, (s) => ts.isClassDeclaration(s) && s.name?.text === className);
  const args = findInterface(dts, `${className}Args`);
  if (!cls || !args) die(`${short}: class ${className} / interface ${className}Args not found`);
  const outputs = {};
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || isStatic(m) || !m.type) continue;
    outputs[propName(m.name)] = convert(m.type, { side: 'outputs' }, []) ?? 'any';
  }
  return { facts, inputs: members(args.members, { side: 'inputs' }, []), outputs: sortKeys(outputs) };
}

// ---- main --------------------------------------------------------------------------------
const schema = {
  package: pkgJson.name,
  version: pkgJson.version,
  generatedBy: 'tools/pulumi/refresh-schema.sh',
  config: {},
  resources: {},
  functions: {},
};

const lines = fs.readFileSync(typesTxt, 'utf8').split('\n')
  .map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
for (const line of lines) {
  const [kind, token] = line.split(/\s+/);
  const parts = token.split(':');
  if ((kind === 'provider' ? parts[2] : parts[0]) !== ns) continue;
  if (kind === 'resource') {
    const [, mod, cls] = parts;
    const r = extractResource(token, cls, lowerFirst(cls), mod);
    const full = r.facts.pulumiType;
    const expectedShort = `${ns}:${full.split(':')[1].split('/')[0]}:${full.split(':')[2]}`;
    if (expectedShort !== token) die(`${token}: package declares ${full}`);
    schema.resources[full] = {
      aliases: [token, ...[...r.facts.aliases].filter((a) => a !== full).sort()],
      inputs: r.inputs,
      outputs: r.outputs,
    };
  } else if (kind === 'provider') {
    const r = extractResource(token, 'Provider', 'provider', 'index');
    schema.resources[`pulumi:providers:${r.facts.pulumiType}`] = {
      aliases: [], inputs: r.inputs, outputs: r.outputs,
    };
  } else if (kind === 'function') {
    const [, mod, fn] = parts;
    const dir = moduleDir(mod);
    const dts = parse(path.join(dir, `${fn}.d.ts`));
    const facts = jsFacts(path.join(dir, `${fn}.js`));
    if (facts.invokes.size !== 1) die(`${token}: expected one invoke token in ${fn}.js`);
    const full = [...facts.invokes][0];
    const Cap = fn[0].toUpperCase() + fn.slice(1);
    const args = findInterface(dts, `${Cap}Args`);
    const result = findInterface(dts, `${Cap}Result`);
    if (!result) die(`${token}: interface ${Cap}Result not found`);
    const aliases = [token];
    if (mod === 'index') aliases.push(`${ns}:${fn}`);
    schema.functions[full] = {
      aliases,
      inputs: args ? members(args.members, { side: 'inputs' }, []) : {},
      outputs: members(result.members, { side: 'outputs' }, []),
    };
  } else if (kind === 'config') {
    const [ns, key] = parts;
    const vars = parse(path.join(pkgDir, 'config/vars.d.ts'));
    let found;
    for (const s of vars.statements) {
      if (!ts.isVariableStatement(s)) continue;
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === key && d.type) found = d.type;
      }
    }
    if (!found) die(`${token}: not declared in config/vars.d.ts`);
    schema.config[`${ns}:${key}`] = convert(found, { side: 'outputs' }, []) ?? 'any';
  } else {
    die(`bad line in ${typesTxt}: ${line}`);
  }
}

for (const w of [...new Set(warnings)].sort()) process.stderr.write(`extract-schema: note: ${w}\n`);
process.stdout.write(JSON.stringify(schema, null, 1) + '\n');
