#!/usr/bin/env node
// Validates Pulumi YAML programs (Pulumi.yaml, runtime: yaml) against the trimmed
// @pulumi/aws and @pulumi/std schemas in tools/pulumi/pulumi-{aws,std}-schema.json.
//
//   node tools/pulumi/check.mjs --schema tools/pulumi/pulumi-aws-schema.json \
//     --schema tools/pulumi/pulumi-std-schema.json FILE_OR_DIR...
//
// A DIR means DIR/Pulumi.yaml (or Pulumi.yml). One line per problem:
//   FILE:LINE:COL: error: message
// Exit 0: no errors; 1: at least one error; 2: usage or setup problem.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isAlias } from 'yaml';

// ---------------------------------------------------------------- command line
function usage(msg) {
  if (msg) process.stderr.write(`check.mjs: ${msg}\n`);
  process.stderr.write('usage: check.mjs --schema SCHEMA.json [--schema SCHEMA.json...] [--quiet] FILE_OR_DIR...\n');
  process.exit(2);
}
const schemaPaths = [];
let quiet = false;
const inputs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--schema') { if (!argv[i + 1]) usage('--schema needs a file'); schemaPaths.push(argv[++i]); }
  else if (a.startsWith('--schema=')) schemaPaths.push(a.slice(9));
  else if (a === '--quiet') quiet = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else inputs.push(a);
}
if (schemaPaths.length === 0) usage('--schema is required');
if (inputs.length === 0) usage('no input files');
// One schema per package (aws, std): their tokens' namespaces never overlap, so they merge.
const schema = { packages: [], config: {}, resources: {}, functions: {} };
for (const schemaPath of schemaPaths) {
  let one;
  try { one = JSON.parse(fs.readFileSync(schemaPath, 'utf8')); }
  catch (e) { usage(`cannot read schema ${schemaPath}: ${e.message}`); }
  schema.packages.push(one.package);
  for (const k of ['config', 'resources', 'functions']) Object.assign(schema[k], one[k]);
}

// token (full or alias) -> entry
function indexTokens(section) {
  const m = new Map();
  for (const [full, e] of Object.entries(section ?? {})) {
    const entry = { token: full, ...e };
    m.set(full, entry);
    for (const a of e.aliases ?? []) m.set(a, entry);
  }
  return m;
}
const RESOURCES = indexTokens(schema.resources);
const FUNCTIONS = indexTokens(schema.functions);
const PROVIDER_CONFIG = schema.config ?? {};

// ---------------------------------------------------------------- Pulumi YAML vocabulary
const TOP_LEVEL = new Set(['name', 'runtime', 'description', 'config', 'configuration', 'variables',
  'resources', 'outputs', 'pulumi', 'main', 'stackConfigDir', 'backend', 'options', 'template',
  'plugins', 'packages', 'author', 'website', 'license']);
const RESOURCE_KEYS = new Set(['type', 'properties', 'options', 'get']);
const RESOURCE_OPTIONS = new Set(['additionalSecretOutputs', 'aliases', 'customTimeouts',
  'deleteBeforeReplace', 'deletedWith', 'dependsOn', 'hideDiffs', 'ignoreChanges', 'import',
  'parent', 'protect', 'provider', 'providers', 'pluginDownloadURL', 'replaceOnChanges',
  'retainOnDelete', 'version', 'replaceWith']);
const INVOKE_OPTIONS = new Set(['dependsOn', 'parent', 'provider', 'version', 'pluginDownloadURL']);
const CONFIG_TYPES = new Set(['string', 'integer', 'boolean', 'array', 'object']);
const CONFIG_DECL_KEYS = new Set(['type', 'default', 'secret', 'description', 'items', 'value']);
const PULUMI_VARS = new Set(['stack', 'project', 'organization', 'cwd', 'rootDirectory']);
// builtin -> argument shape: 'any', 'string', 'map', or a number (list of exactly N items)
const BUILTINS = {
  'fn::invoke': 'invoke', 'fn::join': 2, 'fn::split': 2, 'fn::select': 2, 'fn::tojson': 'any',
  'fn::tobase64': 'any', 'fn::frombase64': 'any', 'fn::secret': 'any', 'fn::readfile': 'any',
  'fn::stringasset': 'any', 'fn::fileasset': 'any', 'fn::remoteasset': 'any',
  'fn::filearchive': 'any', 'fn::remotearchive': 'any', 'fn::assetarchive': 'map',
};

// ---------------------------------------------------------------- helpers
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}
function suggest(name, candidates) {
  let best; let bestD = Infinity;
  for (const c of candidates) {
    const dd = editDistance(name, c);
    if (dd < bestD) { bestD = dd; best = c; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean "${best}"?)` : '';
}
const describe = (t) => {
  if (typeof t === 'string') return t;
  if (t.list) return `list of ${describe(t.list)}`;
  if (t.map) return `map of ${describe(t.map)}`;
  if (t.object) return 'object';
  if (t.union) return t.union.map(describe).join(' or ');
  return 'value';
};
const builtinKey = (mapNode) => {
  for (const p of mapNode.items) {
    if (isScalar(p.key) && typeof p.key.value === 'string' && p.key.value.toLowerCase().startsWith('fn::')) return p;
  }
  return undefined;
};

// Pulumi YAML interpolation grammar: `$$` is a literal `$`; `${root(.prop|["key"]|[N])*}`.
function parseInterpolation(s) {
  const parts = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '$') { lit += s[i++]; continue; }
    if (s[i + 1] === '$') { lit += '$'; i += 2; continue; }
    if (s[i + 1] !== '{') { lit += '$'; i++; continue; }
    if (lit) { parts.push({ lit }); lit = ''; }
    i += 2;
    const access = { root: '', accessors: [], text: '' };
    const start = i;
    const readName = () => {
      let n = '';
      while (i < s.length && !'.[}'.includes(s[i])) n += s[i++];
      return n;
    };
    access.root = readName();
    if (!access.root) return { error: `empty property access in "${s}"` };
    for (;;) {
      if (i >= s.length) return { error: `unterminated interpolation "\${${s.slice(start)}"` };
      if (s[i] === '}') { i++; break; }
      if (s[i] === '.') {
        i++;
        const n = readName();
        if (!n) return { error: `empty property name after "." in "${s}"` };
        access.accessors.push({ kind: 'prop', value: n });
      } else if (s[i] === '[') {
        i++;
        if (s[i] === '"') {
          i++;
          let k = '';
          while (i < s.length && s[i] !== '"') {
            if (s[i] === '\\' && i + 1 < s.length) i++;
            k += s[i++];
          }
          if (s[i] !== '"' || s[i + 1] !== ']') return { error: `malformed ["key"] access in "${s}"` };
          i += 2;
          access.accessors.push({ kind: 'key', value: k });
        } else {
          let n = '';
          while (i < s.length && /[0-9]/.test(s[i])) n += s[i++];
          if (!n || s[i] !== ']') return { error: `malformed [index] access in "${s}"` };
          i++;
          access.accessors.push({ kind: 'index', value: Number(n) });
        }
      } else {
        return { error: `unexpected "${s[i]}" in interpolation "${s}"` };
      }
    }
    access.text = s.slice(start, i - 1);
    parts.push({ access });
  }
  if (lit) parts.push({ lit });
  return { parts };
}

// ---------------------------------------------------------------- one program
function checkFile(file) {
  const diags = [];
  let src;
  try { src = fs.readFileSync(file, 'utf8'); }
  catch (e) { diags.push({ line: 0, col: 0, msg: `cannot read: ${e.message}` }); return diags; }
  const lc = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (node, msg) => {
    const off = node?.range ? node.range[0] : (node?.srcToken?.offset ?? 0);
    const p = lc.linePos(off);
    diags.push({ line: p.line, col: p.col, msg });
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const p = e.linePos?.[0] ?? lc.linePos(e.pos?.[0] ?? 0);
    diags.push({ line: p.line, col: p.col, msg: `YAML: ${e.message.split('\n')[0]}` });
  }
  if (doc.errors.length) return diags;
  const root = doc.contents;
  if (!isMap(root)) { at(root, 'a Pulumi YAML program must be a mapping'); return diags; }

  const get = (mapNode, key) => mapNode.items.find((p) => isScalar(p.key) && p.key.value === key);
  const str = (n) => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined);

  // ---- top level
  for (const p of root.items) {
    const k = isScalar(p.key) ? String(p.key.value) : undefined;
    if (k === undefined) { at(p.key, 'top-level keys must be strings'); continue; }
    if (!TOP_LEVEL.has(k)) at(p.key, `unknown top-level key "${k}"${suggest(k, TOP_LEVEL)}`);
  }
  const nameP = get(root, 'name');
  if (!nameP) at(root, 'missing required top-level key "name"');
  else if (!str(nameP.value)) at(nameP.value ?? nameP.key, '"name" must be a string');
  const project = nameP ? str(nameP.value) : undefined;
  const runtimeP = get(root, 'runtime');
  if (!runtimeP) at(root, 'missing required top-level key "runtime"');
  else {
    const rv = runtimeP.value;
    const rname = isMap(rv) ? str(get(rv, 'name')?.value) : str(rv);
    if (rname !== 'yaml') at(rv ?? runtimeP.key, `runtime must be "yaml", got ${JSON.stringify(rname ?? rv?.toJSON?.())}`);
  }
  for (const k of ['description', 'main']) {
    const p = get(root, k);
    if (p && !str(p.value)) at(p.value ?? p.key, `"${k}" must be a string`);
  }
  const section = (k) => {
    const p = get(root, k);
    if (!p || p.value === null || (isScalar(p.value) && p.value.value === null)) return [];
    if (!isMap(p.value)) { at(p.value, `"${k}" must be a mapping`); return []; }
    return p.value.items;
  };

  // ---- symbols
  const symbols = new Map(); // name -> {kind, node, ...}
  const declare = (kind, keyNode, extra) => {
    const name = String(keyNode.value);
    const prev = symbols.get(name);
    if (prev) { at(keyNode, `${kind} "${name}" has the same name as ${prev.kind} "${name}"`); return; }
    if (name === 'pulumi') { at(keyNode, `${kind} "${name}" uses the reserved name pulumi`); return; }
    symbols.set(name, { kind, keyNode, ...extra });
  };

  // config
  const configItems = [...section('config'), ...section('configuration')];
  for (const p of configItems) {
    const key = String(p.key?.value);
    const v = p.value;
    let ctype = 'any';
    const ns = key.includes(':') ? key.slice(0, key.indexOf(':')) : undefined;
    const isDecl = isMap(v) && v.items.length > 0 && v.items.every((q) => isScalar(q.key) && CONFIG_DECL_KEYS.has(q.key.value));
    if (isDecl) {
      const typeP = get(v, 'type');
      const t = typeP ? str(typeP.value) : undefined;
      if (typeP && !CONFIG_TYPES.has(t)) at(typeP.value, `config "${key}": type must be one of string, integer, boolean, array, object`);
      let itemsT;
      const itemsP = get(v, 'items');
      if (itemsP) {
        if (t !== 'array') at(itemsP.key, `config "${key}": "items" is only allowed with type: array`);
        const it = isMap(itemsP.value) ? str(get(itemsP.value, 'type')?.value) : undefined;
        if (!CONFIG_TYPES.has(it)) at(itemsP.value, `config "${key}": items must declare a type`);
        else itemsT = it;
      }
      const toSchema = (ct) => ({ string: 'string', integer: 'number', boolean: 'boolean', object: 'any' }[ct]
        ?? (ct === 'array' ? { list: itemsT ? ({ string: 'string', integer: 'number', boolean: 'boolean' }[itemsT] ?? 'any') : 'any' } : 'any'));
      if (t) ctype = toSchema(t);
      for (const dk of ['default', 'value']) {
        const dp = get(v, dk);
        if (!dp || !t) continue;
        const dv = dp.value;
        const ok = {
          string: isScalar(dv) && typeof dv.value === 'string',
          integer: isScalar(dv) && Number.isInteger(dv.value),
          boolean: isScalar(dv) && typeof dv.value === 'boolean',
          array: isSeq(dv),
          object: isMap(dv),
        }[t];
        if (!ok) at(dv ?? dp.key, `config "${key}": ${dk} does not match type ${t}`);
        if (ok && t === 'array' && itemsT) {
          for (const it of dv.items) {
            const iok = { string: isScalar(it) && typeof it.value === 'string', integer: isScalar(it) && Number.isInteger(it.value),
              boolean: isScalar(it) && typeof it.value === 'boolean', array: isSeq(it), object: isMap(it) }[itemsT];
            if (!iok) at(it, `config "${key}": default item does not match items type ${itemsT}`);
          }
        }
      }
      const sp = get(v, 'secret');
      if (sp && !(isScalar(sp.value) && typeof sp.value.value === 'boolean')) at(sp.value, `config "${key}": secret must be a boolean`);
    } else if (isMap(v) && v.items.some((q) => isScalar(q.key) && ['type', 'default'].includes(q.key.value))) {
      const bad = v.items.find((q) => !CONFIG_DECL_KEYS.has(q.key?.value));
      at(bad.key, `config "${key}": unknown key "${bad.key?.value}" in a config declaration`);
    }
    if (ns && ns !== project) {
      if (ns === 'aws' || schema.packages.includes(`@pulumi/${ns}`)) {
        if (!(key in PROVIDER_CONFIG)) at(p.key, `unknown provider config key "${key}"${suggest(key, Object.keys(PROVIDER_CONFIG))}`);
        else if (ctype === 'any') ctype = PROVIDER_CONFIG[key];
      }
    }
    declare('config', p.key, { type: ctype });
  }

  // resources
  const resourceItems = section('resources');
  for (const p of resourceItems) {
    if (!isScalar(p.key)) { at(p.key, 'resource names must be strings'); continue; }
    const v = p.value;
    if (!isMap(v)) { at(v ?? p.key, `resource "${p.key.value}" must be a mapping`); continue; }
    const typeP = get(v, 'type');
    let entry;
    if (!typeP) at(p.key, `resource "${p.key.value}" has no "type"`);
    else {
      const tok = str(typeP.value);
      if (!tok) at(typeP.value, 'resource type must be a string');
      else {
        entry = RESOURCES.get(tok);
        if (!entry) {
          const ci = [...RESOURCES.keys()].find((k) => k.toLowerCase() === tok.toLowerCase());
          const hint = ci ? ` (did you mean "${ci}"?)` : suggest(tok, RESOURCES.keys())
            || (/^aws:[a-z0-9]+:[A-Z]\w*$/.test(tok) ? ' (not in the trimmed schema: tools/pulumi/types.txt)' : '');
          at(typeP.value, `unknown resource type "${tok}"${hint}`);
        }
      }
    }
    declare('resource', p.key, { node: v, entry });
  }

  // variables
  const variableItems = section('variables');
  for (const p of variableItems) {
    if (!isScalar(p.key)) { at(p.key, 'variable names must be strings'); continue; }
    declare('variable', p.key, { node: p.value });
  }

  // ---- expressions
  const deps = new Map(); // owner -> Map(dep -> node)
  const addDep = (owner, name, node) => {
    if (!owner) return;
    if (!deps.has(owner)) deps.set(owner, new Map());
    if (!deps.get(owner).has(name)) deps.get(owner).set(name, node);
  };

  function lookup(rootName) {
    if (symbols.has(rootName)) return symbols.get(rootName);
    if (project && rootName.startsWith(`${project}:`)) {
      const s = symbols.get(rootName.slice(project.length + 1));
      if (s?.kind === 'config') return s;
    }
    return undefined;
  }

  // Type of a variable's value, when it can be known (invoke results), else 'any'.
  const varTypeCache = new Map();
  function variableType(name, node) {
    if (varTypeCache.has(name)) return varTypeCache.get(name);
    varTypeCache.set(name, 'any');
    let t = 'any';
    if (isMap(node)) {
      const b = builtinKey(node);
      if (b && b.key.value.toLowerCase() === 'fn::invoke' && isMap(b.value)) {
        const fn = FUNCTIONS.get(str(get(b.value, 'function')?.value));
        const ret = str(get(b.value, 'return')?.value);
        if (fn) {
          const obj = { object: fn.outputs };
          t = ret ? (fn.outputs[ret] ?? 'any') : obj;
        }
      }
    }
    varTypeCache.set(name, t);
    return t;
  }

  function walkAccessors(node, what, type, accessors) {
    let t = type;
    let desc = what;
    for (const a of accessors) {
      if (t === 'any' || t === undefined || t.union) return;
      const shown = a.kind === 'index' ? `[${a.value}]` : a.kind === 'key' ? `["${a.value}"]` : `.${a.value}`;
      if (t.list) {
        if (a.kind !== 'index') { at(node, `${desc} is a list; "${shown}" needs a numeric index`); return; }
        t = t.list;
      } else if (t.map) {
        if (a.kind === 'index') { at(node, `${desc} is a map; "${shown}" needs a key`); return; }
        t = t.map;
      } else if (t.object) {
        if (a.kind === 'index') { at(node, `${desc} is an object; "${shown}" needs a property name`); return; }
        if (!(a.value in t.object)) {
          at(node, `${desc} has no property "${a.value}"${suggest(a.value, Object.keys(t.object))}`);
          return;
        }
        const f = t.object[a.value];
        t = f && typeof f === 'object' && 'required' in f && 'type' in f ? f.type : f;
      } else {
        at(node, `${desc} is a ${t}; cannot access "${shown}"`);
        return;
      }
      desc += shown;
    }
  }

  function checkAccess(node, access, owner) {
    const { root: rootName, accessors } = access;
    if (rootName === 'pulumi') {
      const a0 = accessors[0];
      if (!a0 || a0.kind === 'index' || !PULUMI_VARS.has(a0.value)) {
        at(node, `\${${access.text}}: "pulumi" has only ${[...PULUMI_VARS].join(', ')}`);
      }
      return;
    }
    const sym = lookup(rootName);
    if (!sym) {
      const names = [...symbols.keys()];
      at(node, `\${${access.text}}: no resource, variable or config key named "${rootName}"${suggest(rootName, names)}`);
      return;
    }
    addDep(owner, sym.keyNode.value, node);
    if (sym.kind === 'resource') {
      if (!sym.entry || accessors.length === 0) return;
      const a0 = accessors[0];
      if (a0.kind === 'index') { at(node, `\${${access.text}}: a resource cannot be indexed`); return; }
      if (a0.value === 'id' || a0.value === 'urn') {
        if (accessors.length > 1) walkAccessors(node, `${rootName}.${a0.value}`, 'string', accessors.slice(1));
        return;
      }
      const outs = sym.entry.outputs;
      if (!(a0.value in outs)) {
        at(node, `\${${access.text}}: ${sym.entry.token} has no output "${a0.value}"${suggest(a0.value, Object.keys(outs))}`);
        return;
      }
      walkAccessors(node, `${rootName}.${a0.value}`, outs[a0.value], accessors.slice(1));
    } else if (sym.kind === 'variable') {
      walkAccessors(node, rootName, variableType(sym.keyNode.value, sym.node), accessors);
    } else {
      walkAccessors(node, rootName, sym.type, accessors);
    }
  }

  // Validates every interpolation and builtin below node; records dependencies of owner.
  function walkExpr(node, owner) {
    if (node === null || node === undefined) return;
    if (isAlias(node)) { at(node, 'YAML aliases are not allowed in a Pulumi program'); return; }
    if (isScalar(node)) {
      if (typeof node.value !== 'string') return;
      const r = parseInterpolation(node.value);
      if (r.error) { at(node, r.error); return; }
      for (const part of r.parts) if (part.access) checkAccess(node, part.access, owner);
      return;
    }
    if (isSeq(node)) { for (const it of node.items) walkExpr(it, owner); return; }
    if (isMap(node)) {
      const b = builtinKey(node);
      if (b) { checkBuiltin(node, b, owner); return; }
      for (const p of node.items) walkExpr(p.value, owner);
    }
  }

  function checkBuiltin(mapNode, pair, owner) {
    const name = pair.key.value;
    const lname = name.toLowerCase();
    if (mapNode.items.length !== 1) {
      at(mapNode.items.find((p) => p !== pair)?.key ?? pair.key, `${name} must be the only key of its mapping`);
    }
    const shape = BUILTINS[lname];
    if (shape === undefined) { at(pair.key, `unknown builtin function "${name}"${suggest(lname, Object.keys(BUILTINS))}`); walkExpr(pair.value, owner); return; }
    const v = pair.value;
    if (typeof shape === 'number') {
      if (isSeq(v) && v.items.length !== shape) at(v, `${name} takes a list of ${shape} items, got ${v.items.length}`);
      else if (!isSeq(v)) at(v ?? pair.key, `${name} takes a list of ${shape} items`);
      walkExpr(v, owner);
      return;
    }
    if (shape === 'map') {
      if (!isMap(v)) at(v ?? pair.key, `${name} takes a mapping`);
      walkExpr(v, owner);
      return;
    }
    if (shape !== 'invoke') { walkExpr(v, owner); return; }
    // fn::invoke
    if (!isMap(v)) { at(v ?? pair.key, 'fn::invoke takes a mapping with function, arguments, options, return'); return; }
    for (const q of v.items) {
      const k = q.key?.value;
      if (!['function', 'arguments', 'options', 'return'].includes(k)) at(q.key, `fn::invoke: unknown key "${k}"`);
    }
    const fP = get(v, 'function');
    let fn;
    if (!fP) at(v, 'fn::invoke: missing "function"');
    else if (!str(fP.value)) at(fP.value, 'fn::invoke: "function" must be a token string');
    else {
      fn = FUNCTIONS.get(fP.value.value);
      if (!fn) at(fP.value, `fn::invoke: unknown function "${fP.value.value}"${suggest(fP.value.value, FUNCTIONS.keys())}`);
    }
    const aP = get(v, 'arguments');
    if (aP) {
      walkExpr(aP.value, owner);
      if (fn) checkType(aP.value, { object: fn.inputs }, `arguments of ${fn.token}`);
    } else if (fn) {
      for (const [k, f] of Object.entries(fn.inputs)) if (f.required) at(fP.value, `fn::invoke ${fn.token}: missing required argument "${k}"`);
    }
    const oP = get(v, 'options');
    if (oP) {
      if (!isMap(oP.value)) at(oP.value, 'fn::invoke: options must be a mapping');
      else for (const q of oP.value.items) if (!INVOKE_OPTIONS.has(q.key?.value)) at(q.key, `fn::invoke: unknown option "${q.key?.value}"`);
      walkExpr(oP.value, owner);
    }
    const rP = get(v, 'return');
    if (rP) {
      const r = str(rP.value);
      if (!r) at(rP.value, 'fn::invoke: "return" must be a string');
      else if (fn && !(r in fn.outputs)) at(rP.value, `fn::invoke: ${fn.token} has no result field "${r}"${suggest(r, Object.keys(fn.outputs))}`);
    }
  }

  // Shape check of a literal value against a schema type. Expressions are opaque here.
  const isExpression = (n) => (isScalar(n) && typeof n.value === 'string' && /\$\{/.test(n.value.replace(/\$\$/g, '')))
    || (isMap(n) && builtinKey(n) !== undefined);
  const isWholeReference = (n) => {
    if (!isScalar(n) || typeof n.value !== 'string') return isMap(n);
    const r = parseInterpolation(n.value);
    return !r.error && r.parts.length === 1 && r.parts[0].access !== undefined;
  };
  function checkType(node, type, where, sink = at) {
    if (node === null || node === undefined || type === 'any' || type === undefined) return;
    if (isAlias(node)) return;
    if (isScalar(node) && node.value === null) return;
    if (type.union) {
      for (const alt of type.union) {
        const trial = [];
        checkType(node, alt, where, (n, m) => trial.push([n, m]));
        if (trial.length === 0) return;
      }
      sink(node, `${where}: expected ${describe(type)}`);
      return;
    }
    if (isExpression(node)) {
      if (!isWholeReference(node) && typeof type === 'string' && type !== 'string') {
        sink(node, `${where}: expected ${type}, got an interpolated string`);
      }
      return;
    }
    if (typeof type === 'string') {
      if (isScalar(node)) {
        const v = node.value;
        const got = typeof v;
        if (type === 'string' && !['string', 'number', 'boolean'].includes(got)) sink(node, `${where}: expected string`);
        if (type === 'number' && got !== 'number') sink(node, `${where}: expected number, got ${got} ${JSON.stringify(v)}`);
        if (type === 'boolean' && got !== 'boolean') sink(node, `${where}: expected boolean, got ${got} ${JSON.stringify(v)}`);
      } else {
        sink(node, `${where}: expected ${type}, got a ${isSeq(node) ? 'list' : 'mapping'}`);
      }
      return;
    }
    if (type.list) {
      if (!isSeq(node)) { sink(node, `${where}: expected ${describe(type)}`); return; }
      node.items.forEach((it, i) => checkType(it, type.list, `${where}[${i}]`, sink));
      return;
    }
    if (type.map) {
      if (!isMap(node)) { sink(node, `${where}: expected ${describe(type)}`); return; }
      for (const p of node.items) checkType(p.value, type.map, `${where}.${p.key?.value}`, sink);
      return;
    }
    if (type.object) {
      if (!isMap(node)) { sink(node, `${where}: expected an object, got ${isSeq(node) ? 'a list' : JSON.stringify(node.value)}`); return; }
      const fields = type.object;
      for (const p of node.items) {
        const k = p.key?.value;
        if (!(k in fields)) {
          sink(p.key, `${where}: unknown property "${k}"${suggest(String(k), Object.keys(fields))}`);
          continue;
        }
        checkType(p.value, fields[k].type, `${where}.${k}`, sink);
      }
      for (const [k, f] of Object.entries(fields)) {
        if (f.required && !node.items.some((p) => p.key?.value === k)) sink(node, `${where}: missing required property "${k}"`);
      }
    }
  }

  // ---- resources: properties, options, get
  for (const p of resourceItems) {
    const rname = p.key?.value;
    const v = p.value;
    if (!isMap(v)) continue;
    const sym = symbols.get(rname);
    const entry = sym?.kind === 'resource' ? sym.entry : undefined;
    for (const q of v.items) {
      const k = q.key?.value;
      if (!RESOURCE_KEYS.has(k)) at(q.key, `resource "${rname}": unknown key "${k}"${suggest(String(k), RESOURCE_KEYS)}`);
    }
    const propsP = get(v, 'properties');
    const getP = get(v, 'get');
    if (getP) {
      if (propsP) at(propsP.key, `resource "${rname}": "properties" and "get" cannot be used together`);
      if (!isMap(getP.value)) at(getP.value ?? getP.key, `resource "${rname}": get must be a mapping with id and state`);
      else {
        for (const q of getP.value.items) if (!['id', 'state'].includes(q.key?.value)) at(q.key, `resource "${rname}": get: unknown key "${q.key?.value}"`);
        if (!get(getP.value, 'id')) at(getP.value, `resource "${rname}": get: missing "id"`);
        walkExpr(getP.value, rname);
      }
    }
    if (propsP) {
      walkExpr(propsP.value, rname);
      if (propsP.value && !isMap(propsP.value) && !(isScalar(propsP.value) && propsP.value.value === null)) {
        at(propsP.value, `resource "${rname}": properties must be a mapping`);
      } else if (entry && isMap(propsP.value)) {
        checkType(propsP.value, { object: entry.inputs }, rname);
      }
    }
    if (entry && !getP && !(propsP && isMap(propsP.value))) {
      for (const [k, f] of Object.entries(entry.inputs)) if (f.required) at(p.key, `${rname}: missing required property "${k}"`);
    }
    const optsP = get(v, 'options');
    if (optsP) {
      const o = optsP.value;
      if (!isMap(o)) { at(o ?? optsP.key, `resource "${rname}": options must be a mapping`); continue; }
      for (const q of o.items) {
        const k = q.key?.value;
        if (!RESOURCE_OPTIONS.has(k)) { at(q.key, `resource "${rname}": unknown resource option "${k}"${suggest(String(k), RESOURCE_OPTIONS)}`); continue; }
        const val = q.value;
        const resRef = (n, what) => {
          const r = isScalar(n) && typeof n.value === 'string' ? parseInterpolation(n.value) : undefined;
          const ok = r && !r.error && r.parts.length === 1 && r.parts[0].access && r.parts[0].access.accessors.length === 0;
          if (!ok) { at(n, `resource "${rname}": ${what} must be a \${resource} reference`); return; }
          const target = symbols.get(r.parts[0].access.root);
          if (!target || target.kind !== 'resource') { at(n, `resource "${rname}": ${what} refers to "${r.parts[0].access.root}", which is not a declared resource`); return; }
          addDep(rname, target.keyNode.value, n);
        };
        if (k === 'dependsOn') {
          if (isSeq(val)) for (const it of val.items) resRef(it, 'dependsOn entry');
          else if (!isExpression(val)) at(val, `resource "${rname}": dependsOn must be a list of \${resource} references`);
          else walkExpr(val, rname);
        } else if (k === 'parent' || k === 'provider' || k === 'deletedWith') {
          resRef(val, k);
        } else if (['protect', 'retainOnDelete', 'deleteBeforeReplace'].includes(k)) {
          if (!(isScalar(val) && typeof val.value === 'boolean') && !isExpression(val)) at(val, `resource "${rname}": ${k} must be a boolean`);
          walkExpr(val, rname);
        } else if (['ignoreChanges', 'replaceOnChanges', 'additionalSecretOutputs', 'hideDiffs'].includes(k)) {
          if (!isSeq(val)) { at(val, `resource "${rname}": ${k} must be a list of property names`); continue; }
          for (const it of val.items) {
            const s = str(it);
            if (!s) { at(it, `resource "${rname}": ${k} entries must be strings`); continue; }
            const head = s.split(/[.[]/)[0];
            const names = k === 'additionalSecretOutputs' ? entry?.outputs : entry?.inputs;
            if (names && head !== '*' && !(head in names)) at(it, `resource "${rname}": ${k}: "${head}" is not a property of ${entry.token}${suggest(head, Object.keys(names))}`);
          }
        } else {
          walkExpr(val, rname);
        }
      }
    }
  }
  for (const p of variableItems) walkExpr(p.value, p.key?.value);
  for (const p of section('outputs')) walkExpr(p.value, undefined);

  // ---- dependency cycles (resources and variables)
  const state = new Map();
  const reported = new Set();
  const visit = (n, stack) => {
    state.set(n, 1);
    stack.push(n);
    for (const [d, node] of deps.get(n) ?? []) {
      if (state.get(d) === 1) {
        const cycle = [...stack.slice(stack.indexOf(d)), d];
        const key = [...cycle].slice(0, -1).sort().join(',');
        if (!reported.has(key)) { reported.add(key); at(node, `dependency cycle: ${cycle.join(' -> ')}`); }
      } else if (!state.get(d)) visit(d, stack);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of deps.keys()) if (!state.get(n)) visit(n, []);
  return diags;
}

// ---------------------------------------------------------------- main
const files = [];
for (const a of inputs) {
  let st;
  try { st = fs.statSync(a); } catch { usage(`no such file or directory: ${a}`); }
  if (st.isDirectory()) {
    const f = ['Pulumi.yaml', 'Pulumi.yml'].map((n) => path.join(a, n)).find((f2) => fs.existsSync(f2));
    if (!f) usage(`${a}: no Pulumi.yaml`);
    files.push(f);
  } else files.push(a);
}
let errors = 0;
for (const f of files) {
  const diags = checkFile(f).sort((x, y) => x.line - y.line || x.col - y.col);
  const seen = new Set();
  for (const d of diags) {
    const line = `${f}:${d.line}:${d.col}: error: ${d.msg}`;
    if (seen.has(line)) continue;
    seen.add(line);
    process.stdout.write(line + '\n');
    errors++;
  }
}
if (!quiet) process.stderr.write(`check.mjs: ${files.length} file(s), ${errors} error(s)\n`);
process.exit(errors ? 1 : 0);
