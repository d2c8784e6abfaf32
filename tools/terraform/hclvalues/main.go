// Command hclvalues prints the literal string values of a Terraform file as JSON, so tests
// can compare what HCL itself reads back with what a manifest said.
//
//	hclvalues [-all] FILE.tf
//
// The file is parsed with hclsyntax. Every attribute expression that references nothing
// (a literal, or a template without references) is evaluated with a nil EvalContext;
// object literals (tags) and tuples are descended into. Output is one JSON object,
// keys sorted, mapping a path to each string value:
//
//	resource.aws_rds_cluster.this.tags.team        an object literal entry
//	resource.aws_rds_cluster.this.enabled_cloudwatch_logs_exports[0]
//	resource.aws_db_parameter_group.this.parameter[1].value   the second parameter block
//
// Top-level blocks are named by type and labels (with "[n]" from the second repetition
// of the same type and labels on); nested blocks by type and their index among the
// blocks of that type in the same body. Expressions that reference anything, or that
// fail to evaluate, are left out. Parse errors go to stderr with exit 1; usage errors
// exit 2.
//
// With -all, every literal is printed as a typed JSON value at the same paths: strings,
// numbers, bools and nulls, and an empty tuple or object literal as [] or {} (so that an
// empty list is not mistaken for an absent one). Without it, only strings, as JSON strings.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// all is -all: every literal, typed, rather than strings only.
var all bool

func main() {
	flag.BoolVar(&all, "all", false, "print every literal (strings, numbers, bools, nulls, empty [] and {}), typed")
	flag.Usage = func() { fmt.Fprintln(os.Stderr, "usage: hclvalues [-all] FILE.tf") }
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	path := flag.Arg(0)
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hclvalues:", err)
		os.Exit(2)
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		for _, d := range diags {
			fmt.Fprintln(os.Stderr, d.Error())
		}
		os.Exit(1)
	}
	out := map[string]any{}
	body := file.Body.(*hclsyntax.Body)
	attributes(body, "", out)
	seen := map[string]int{}
	for _, b := range body.Blocks {
		name := strings.Join(append([]string{b.Type}, b.Labels...), ".")
		if n := seen[name]; n > 0 {
			seen[name]++
			name = fmt.Sprintf("%s[%d]", name, n)
		} else {
			seen[name] = 1
		}
		walkBody(b.Body, name, out)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "hclvalues:", err)
		os.Exit(1)
	}
	os.Stdout.Write(buf.Bytes())
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func attributes(body *hclsyntax.Body, prefix string, out map[string]any) {
	names := make([]string, 0, len(body.Attributes))
	for name := range body.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		value(body.Attributes[name].Expr, join(prefix, name), out)
	}
}

// walkBody records a block body's attributes and its nested blocks, indexed by type.
func walkBody(body *hclsyntax.Body, prefix string, out map[string]any) {
	attributes(body, prefix, out)
	index := map[string]int{}
	for _, b := range body.Blocks {
		name := strings.Join(append([]string{b.Type}, b.Labels...), ".")
		walkBody(b.Body, fmt.Sprintf("%s[%d]", join(prefix, name), index[name]), out)
		index[name]++
	}
}

func value(expr hclsyntax.Expression, path string, out map[string]any) {
	switch e := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		if all && len(e.Items) == 0 {
			record(path, map[string]any{}, out)
		}
		for _, item := range e.Items {
			key, diags := item.KeyExpr.Value(nil)
			if diags.HasErrors() || !key.IsKnown() || key.IsNull() || key.Type() != cty.String {
				continue
			}
			value(item.ValueExpr, path+"."+key.AsString(), out)
		}
	case *hclsyntax.TupleConsExpr:
		if all && len(e.Exprs) == 0 {
			record(path, []any{}, out)
		}
		for i, x := range e.Exprs {
			value(x, fmt.Sprintf("%s[%d]", path, i), out)
		}
	default:
		if len(expr.Variables()) > 0 {
			return
		}
		v, diags := expr.Value(nil)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			return
		}
		switch {
		case !v.IsNull() && v.Type() == cty.String:
			record(path, v.AsString(), out)
		case !all: // strings only
		case v.IsNull():
			record(path, nil, out)
		case v.Type() == cty.Number:
			record(path, json.Number(v.AsBigFloat().Text('g', -1)), out)
		case v.Type() == cty.Bool:
			record(path, v.True(), out)
		}
	}
}

func record(path string, v any, out map[string]any) {
	if _, dup := out[path]; dup {
		fmt.Fprintln(os.Stderr, "hclvalues: duplicate path", path)
		os.Exit(1)
	}
	out[path] = v
}
