#!/usr/bin/env python3
"""The planner's CloudFormation column against CloudFormation itself.

    plan_table_cfn.py SOURCE_DIR

For every property the CloudFormation templates (templates/cfn/*.yaml) render from an IR
property, templates/update-behaviour.yaml must say `replace` for CloudFormation exactly when
the resource type's registry schema lists the property in createOnlyProperties: the
schemas cfn-lint bundles, or tools/cloudformation/registry for types newer than it. Exit 0
when they agree, 1 with one line per disagreement.
"""
import glob
import json
import os
import sys

import yaml
import cfnlint


def registry_schemas(root):
    paths = glob.glob(os.path.join(os.path.dirname(cfnlint.__file__), 'data/schemas/resources/*.json'))
    paths += glob.glob(os.path.join(root, 'tools/cloudformation/registry/*.json'))
    out = {}
    for path in paths:
        try:
            with open(path) as f:
                schema = json.load(f)
        except (OSError, ValueError):
            continue
        if isinstance(schema, dict) and 'typeName' in schema:
            out[schema['typeName']] = schema
    return out


def reads(template, prop):
    """Whether a template expression reads IR property PROP ($prop or $prop.field)."""
    if isinstance(template, str):
        return template == '$' + prop or template.startswith('$' + prop + '.')
    if isinstance(template, list):
        return any(reads(t, prop) for t in template)
    if isinstance(template, dict):
        return any(reads(t, prop) for t in template.values())
    return False


def cfn_action(row):
    if isinstance(row, str):
        return row
    return row.get('cfn', row.get('action', 'update'))


def main(root):
    with open(os.path.join(root, 'templates/update-behaviour.yaml')) as f:
        table = yaml.safe_load(f)
    templates = {}
    for path in sorted(glob.glob(os.path.join(root, 'templates/cfn/*.yaml'))):
        with open(path) as f:
            templates.update(yaml.safe_load(f))
    schemas = registry_schemas(root)
    problems, checked = [], 0
    for kind, template in sorted(templates.items()):
        schema = schemas.get(template['type'])
        if schema is None:
            problems.append(f'{kind}: no registry schema for {template["type"]}')
            continue
        create_only = {p.rsplit('/', 1)[-1] for p in schema.get('createOnlyProperties', [])}
        rows = (table.get(kind) or {}).get('properties') or {}
        body = template.get('properties') or {}
        # Every IR property a CloudFormation property is rendered from, and every table row.
        props = {v[1:].split('.')[0] for v in _strings(body) if v.startswith('$') and not v.startswith('$.')}
        for prop in sorted(props | set(rows)):
            keys = [k for k, v in body.items() if reads(v, prop)]
            if not keys:
                continue  # not rendered: the planner gives CloudFormation nothing to do
            checked += 1
            replaces = cfn_action(rows[prop]) == 'replace' if prop in rows else False
            immutable = any(k in create_only for k in keys)
            if replaces != immutable:
                problems.append(
                    f'{kind}.{prop} (CloudFormation {template["type"]}.{"/".join(keys)}): the table '
                    f'says {"replace" if replaces else cfn_action(rows.get(prop, "update"))}, the '
                    f'registry schema says {"create-only" if immutable else "updatable"}')
    for p in problems:
        print(p)
    print(f'plan_table_cfn: {checked} rendered properties checked, {len(problems)} disagreement(s)',
          file=sys.stderr)
    return 1 if problems else 0


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for n in node:
            yield from _strings(n)
    elif isinstance(node, dict):
        for n in node.values():
            yield from _strings(n)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
