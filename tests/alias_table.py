#!/usr/bin/env python3
"""data/aliases.json against the tools it names, and docs/field-names.md against it.

    alias_table.py SOURCE_DIR [--update]

Every Terraform name must be an argument of aws_rds_cluster, aws_rds_cluster_instance or
aws_db_instance (tools/terraform/aws-provider-schema.json), every Pulumi name an input of
the matching @pulumi/aws resource (tools/pulumi/pulumi-aws-schema.json), every
CloudFormation name a property of AWS::RDS::DBCluster or AWS::RDS::DBInstance (the registry
schemas cfn-lint bundles), every manifest path a field of schemas/manifest.schema.json, and
no name may stand for two rows. The table in docs/field-names.md, between its BEGIN and END
markers, must be the one this script writes; --update rewrites it. Exit 0 when all holds,
1 with one line per problem.
"""
import glob
import json
import os
import re
import sys

import cfnlint

KINDS = ('AuroraCluster', 'RdsInstance')
TF_TYPES = ('aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_db_instance')
PULUMI_TYPES = ('aws:rds/cluster:Cluster', 'aws:rds/clusterInstance:ClusterInstance',
                'aws:rds/instance:Instance')
CFN_TYPES = ('AWS::RDS::DBCluster', 'AWS::RDS::DBInstance')
BEGIN = '<!-- BEGIN tests/alias_table.py --update -->'
END = '<!-- END tests/alias_table.py --update -->'


def load(root, relative):
    with open(os.path.join(root, relative)) as f:
        return json.load(f)


def camel(snake):
    head, *rest = snake.split('_')
    return head + ''.join(w[:1].upper() + w[1:] for w in rest)


def normalized(name):
    return re.sub('[_-]', '', name).lower()


def pulumi_names(row):
    return row.get('pulumi', [camel(t) for t in row.get('terraform', [])])


def terraform_arguments(root):
    resources = load(root, 'tools/terraform/aws-provider-schema.json')['resources']
    return {name for t in TF_TYPES
            for name in list(resources[t]['attributes']) + list(resources[t].get('blocks', {}))}


def pulumi_inputs(root):
    resources = load(root, 'tools/pulumi/pulumi-aws-schema.json')['resources']
    return {name for t in PULUMI_TYPES for name in resources[t]['inputs']}


def cloudformation_properties():
    names = set()
    for path in glob.glob(os.path.join(os.path.dirname(cfnlint.__file__),
                                       'data/schemas/resources/*.json')):
        try:
            with open(path) as f:
                schema = json.load(f)
        except (OSError, ValueError):
            continue
        if isinstance(schema, dict) and schema.get('typeName') in CFN_TYPES:
            names.update(schema.get('properties', {}))
    return names


def manifest_paths(schema):
    """Every dotted field path of the manifest schema, following local $refs."""
    def resolve(node):
        while '$ref' in node:
            target = schema
            for part in node['$ref'][2:].split('/'):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != '$ref'}}
        return node

    out = set()

    def walk(node, prefix):
        node = resolve(node)
        for key, sub in node.get('properties', {}).items():
            path = prefix + key
            out.add(path)
            walk(sub, path + '.')

    walk(schema, '')
    return out


def targets(row):
    """(kind or None, {'path'|'note': ...}) for each kind the row speaks of."""
    if 'path' in row or 'note' in row:
        yield None, row
    for kind in KINDS:
        if kind in row:
            yield kind, row[kind]


def problems(root, table):
    tf, pulumi, cfn = terraform_arguments(root), pulumi_inputs(root), cloudformation_properties()
    paths = manifest_paths(load(root, 'schemas/manifest.schema.json'))
    seen = {}
    for i, row in enumerate(table['aliases']):
        where = f'data/aliases.json row {i + 1}'
        for name in row.get('terraform', []):
            if name not in tf:
                yield f'{where}: {name} is not an argument of {", ".join(TF_TYPES)}'
        for name in pulumi_names(row):
            if name not in pulumi:
                yield f'{where}: {name} is not an input of {", ".join(PULUMI_TYPES)}'
        for name in row.get('cloudformation', []):
            if name not in cfn:
                yield f'{where}: {name} is not a property of {", ".join(CFN_TYPES)}'
        names = (row.get('terraform', []) + row.get('cloudformation', []) + pulumi_names(row)
                 + row.get('other', []))
        if not names:
            yield f'{where}: no names'
        for name in names:
            other = seen.setdefault(normalized(name), i)
            if other != i:
                yield f'{where}: {name} also names row {other + 1}'
        said = list(targets(row))
        if not said:
            yield f'{where}: neither a path nor a note'
        for kind, target in said:
            if 'path' not in target and 'note' not in target:
                yield f'{where}: {kind}: neither a path nor a note'
            if 'path' in target and target['path'] not in paths:
                yield f'{where}: {target["path"]} is not a manifest field'


def code(names):
    return ', '.join(f'`{n}`' for n in names)


def meaning(row):
    parts = []
    for kind, target in targets(row):
        text = f'`{target["path"]}`' if 'path' in target else ''
        if 'note' in target:
            text = (text + ': ' if text else 'none: ') + target['note']
        parts.append(text if kind is None else f'{kind}: {text}')
    return '; '.join(parts)


def table_text(table):
    lines = ['| Terraform | CloudFormation | Pulumi | also | manifest |',
             '|---|---|---|---|---|']
    for row in table['aliases']:
        cells = [code(row.get('terraform', [])), code(row.get('cloudformation', [])),
                 code(pulumi_names(row)), code(row.get('other', [])), meaning(row)]
        lines.append('| ' + ' | '.join(c.replace('|', '\\|') for c in cells) + ' |')
    return '\n'.join(lines) + '\n'


def main(root, update):
    table = load(root, 'data/aliases.json')
    found = list(problems(root, table))
    doc_path = os.path.join(root, 'docs/field-names.md')
    with open(doc_path) as f:
        doc = f.read()
    begin, end = doc.find(BEGIN), doc.find(END)
    if begin < 0 or end < begin:
        found.append(f'docs/field-names.md: no {BEGIN} ... {END} block')
    else:
        want = doc[:begin + len(BEGIN)] + '\n' + table_text(table) + doc[end:]
        if want != doc:
            if update:
                with open(doc_path, 'w') as f:
                    f.write(want)
                print('rewrote the table of docs/field-names.md')
            else:
                found.append('docs/field-names.md: the table is not data/aliases.json\'s; '
                             'run tests/alias_table.py . --update')
    for p in found:
        print(p)
    print(f'{len(table["aliases"])} rows, {len(found)} problem(s)')
    return 1 if found else 0


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], '--update' in sys.argv[2:]))
