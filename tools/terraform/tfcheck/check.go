package main

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

type problem struct {
	file      string
	line, col int
	severity  string
	msg       string
}

func (p problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", p.file, p.line, p.col, p.severity, p.msg)
}

// decl is a declared resource or data source.
type decl struct {
	mode          string // "resource", "data" or "ephemeral"
	typ, name     string
	count, forEac bool
	schema        *Block // nil when the type has no schema (not validated)
	block         *hclsyntax.Block
}

func (d *decl) addr() string {
	if d.mode == "data" || d.mode == "ephemeral" {
		return d.mode + "." + d.typ + "." + d.name
	}
	return d.typ + "." + d.name
}

// scope says which special symbols an expression may use.
type scope struct {
	count, forEach bool
	self           bool            // lifecycle postcondition
	iters          map[string]bool // dynamic block iterators
	selfAddr       string          // the enclosing resource, which must not refer to itself
}

func (s scope) withIter(name string) scope {
	n := scope{count: s.count, forEach: s.forEach, self: s.self, selfAddr: s.selfAddr, iters: map[string]bool{name: true}}
	for k := range s.iters {
		n.iters[k] = true
	}
	return n
}

type checker struct {
	schema    *Schema
	problems  map[string]problem
	vars      map[string]bool
	locals    map[string]bool
	outputs   map[string]bool
	providers map[string]bool // "aws", "aws.west"
	resources map[string]*decl
	datas     map[string]*decl
	ephemeral map[string]*decl // the schema has none: structure and references only
	declOrder []*decl
}

func (c *checker) errorf(r hcl.Range, format string, args ...interface{}) {
	c.add(r, "error", fmt.Sprintf(format, args...))
}

func (c *checker) warnf(r hcl.Range, format string, args ...interface{}) {
	c.add(r, "warning", fmt.Sprintf(format, args...))
}

func (c *checker) add(r hcl.Range, sev, msg string) {
	p := problem{file: r.Filename, line: r.Start.Line, col: r.Start.Column, severity: sev, msg: msg}
	c.problems[p.String()] = p
}

// checkModule checks the files of one root module and returns the problems, sorted. Warnings
// are printed but do not count as failures.
func checkModule(schema *Schema, files []string) []string {
	c := &checker{
		schema: schema, problems: map[string]problem{},
		vars: map[string]bool{}, locals: map[string]bool{}, outputs: map[string]bool{},
		providers: map[string]bool{}, resources: map[string]*decl{}, datas: map[string]*decl{}, ephemeral: map[string]*decl{},
	}
	var bodies []*hclsyntax.Body
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			c.add(hcl.Range{Filename: f, Start: hcl.Pos{Line: 1, Column: 1}}, "error", err.Error())
			continue
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.Pos{Line: 1, Column: 1, Byte: 0})
		for _, d := range diags {
			r := hcl.Range{Filename: f, Start: hcl.Pos{Line: 1, Column: 1}}
			if d.Subject != nil {
				r = *d.Subject
			}
			msg := d.Summary
			if d.Detail != "" {
				msg += ": " + d.Detail
			}
			c.add(r, "error", msg)
		}
		if diags.HasErrors() || file == nil {
			continue
		}
		bodies = append(bodies, file.Body.(*hclsyntax.Body))
	}
	for _, b := range bodies {
		c.declare(b)
	}
	for _, b := range bodies {
		c.checkFile(b)
	}
	var list []problem
	for _, p := range c.problems {
		list = append(list, p)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		if a.col != b.col {
			return a.col < b.col
		}
		return a.msg < b.msg
	})
	var out []string
	for _, p := range list {
		if p.severity == "warning" {
			fmt.Fprintln(os.Stderr, p.String())
			continue
		}
		out = append(out, p.String())
	}
	return out
}

var topLabels = map[string]int{
	"terraform": 0, "provider": 1, "variable": 1, "output": 1, "locals": 0, "resource": 2, "data": 2,
	"moved": 0, "ephemeral": 2,
}

func (c *checker) labelsOK(b *hclsyntax.Block) bool {
	want := topLabels[b.Type]
	if len(b.Labels) != want {
		c.errorf(b.TypeRange, "%s block must have %d label(s), has %d", b.Type, want, len(b.Labels))
		return false
	}
	for i, l := range b.Labels {
		if !hclsyntax.ValidIdentifier(l) {
			c.errorf(b.LabelRanges[i], "invalid name %q in %s block label", l, b.Type)
			return false
		}
	}
	return true
}

// declare records every declaration of a file and reports duplicates and unknown types.
func (c *checker) declare(body *hclsyntax.Body) {
	for _, a := range sortedAttrs(body.Attributes) {
		c.errorf(a.NameRange, "unexpected argument %q at top level; only blocks are allowed here", a.Name)
	}
	for _, b := range body.Blocks {
		if _, ok := topLabels[b.Type]; !ok {
			c.errorf(b.TypeRange, "unsupported block type %q; expected terraform, provider, variable, output, locals, resource, data, ephemeral or moved", b.Type)
			continue
		}
		if !c.labelsOK(b) {
			continue
		}
		switch b.Type {
		case "provider":
			key := b.Labels[0]
			if a, ok := b.Body.Attributes["alias"]; ok {
				if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
					key += "." + v.AsString()
				} else {
					c.errorf(a.Expr.Range(), "provider alias must be a literal string")
				}
			}
			if c.providers[key] {
				c.errorf(b.TypeRange, "duplicate provider configuration %s", key)
			}
			c.providers[key] = true
		case "variable":
			c.dup(c.vars, b.Labels[0], b.LabelRanges[0], "variable")
		case "output":
			c.dup(c.outputs, b.Labels[0], b.LabelRanges[0], "output")
		case "locals":
			for _, a := range sortedAttrs(b.Body.Attributes) {
				c.dup(c.locals, a.Name, a.NameRange, "local value")
			}
		case "ephemeral":
			d := &decl{mode: b.Type, typ: b.Labels[0], name: b.Labels[1], block: b}
			if prev, ok := c.ephemeral[d.typ+"."+d.name]; ok {
				c.errorf(b.LabelRanges[1], "duplicate ephemeral resource %s (first declared at %s:%d)", d.addr(), prev.block.TypeRange.Filename, prev.block.TypeRange.Start.Line)
				continue
			}
			c.ephemeral[d.typ+"."+d.name] = d
			c.warnf(b.LabelRanges[0], "ephemeral resource type %q is not validated (no schema)", d.typ)
		case "resource", "data":
			d := &decl{mode: b.Type, typ: b.Labels[0], name: b.Labels[1], block: b}
			_, d.count = b.Body.Attributes["count"]
			_, d.forEac = b.Body.Attributes["for_each"]
			table, schemas, what := c.resources, c.schema.Resources, "resource"
			if b.Type == "data" {
				table, schemas, what = c.datas, c.schema.DataSources, "data source"
			}
			if prev, ok := table[d.typ+"."+d.name]; ok {
				c.errorf(b.LabelRanges[1], "duplicate %s %s (first declared at %s:%d)", what, d.addr(), prev.block.TypeRange.Filename, prev.block.TypeRange.Start.Line)
				continue
			}
			table[d.typ+"."+d.name] = d
			c.declOrder = append(c.declOrder, d)
			d.schema = schemas[d.typ]
			if d.schema == nil {
				if strings.HasPrefix(d.typ, "aws_") {
					c.errorf(b.LabelRanges[0], "unknown %s type %q (not in the AWS provider %s schema; if it is real, add it to tools/terraform/types.txt and refresh)", what, d.typ, c.schema.ProviderVersion)
				} else {
					c.warnf(b.LabelRanges[0], "%s type %q is not validated (no schema for its provider)", what, d.typ)
				}
			}
		}
	}
}

func (c *checker) dup(table map[string]bool, name string, r hcl.Range, what string) {
	if table[name] {
		c.errorf(r, "duplicate %s %q", what, name)
	}
	table[name] = true
}

func sortedAttrs(m hclsyntax.Attributes) []*hclsyntax.Attribute {
	var out []*hclsyntax.Attribute
	for _, a := range m {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

func (c *checker) checkFile(body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		if _, ok := topLabels[b.Type]; !ok || len(b.Labels) != topLabels[b.Type] {
			continue
		}
		switch b.Type {
		case "terraform":
			c.checkTerraform(b)
		case "provider":
			c.checkProvider(b)
		case "variable":
			c.checkVariable(b)
		case "output":
			c.checkOutput(b)
		case "moved":
			c.checkMoved(b)
		case "locals":
			for _, a := range sortedAttrs(b.Body.Attributes) {
				c.checkRefs(a.Expr, scope{})
			}
			for _, nb := range b.Body.Blocks {
				c.errorf(nb.TypeRange, "unexpected block %q in locals", nb.Type)
			}
		case "resource", "data":
			table := c.resources
			if b.Type == "data" {
				table = c.datas
			}
			if d := table[b.Labels[0]+"."+b.Labels[1]]; d != nil && d.block == b {
				c.checkResource(d)
			}
		}
	}
}

// fixed describes a block whose content is fixed by Terraform itself.
type fixed struct {
	attrs    map[string]bool // name -> required
	blocks   map[string]int  // name -> label count
	anyAttrs bool
}

func (c *checker) checkFixed(b *hclsyntax.Block, f fixed, where string) {
	for _, a := range sortedAttrs(b.Body.Attributes) {
		if _, ok := f.attrs[a.Name]; !ok && !f.anyAttrs {
			c.errorf(a.NameRange, "unsupported argument %q in %s", a.Name, where)
		}
	}
	for name, req := range f.attrs {
		if _, ok := b.Body.Attributes[name]; req && !ok {
			c.errorf(b.TypeRange, "missing required argument %q in %s", name, where)
		}
	}
	for _, nb := range b.Body.Blocks {
		n, ok := f.blocks[nb.Type]
		if !ok {
			c.errorf(nb.TypeRange, "unsupported block type %q in %s", nb.Type, where)
		} else if len(nb.Labels) != n {
			c.errorf(nb.TypeRange, "%s block in %s must have %d label(s)", nb.Type, where, n)
		}
	}
}

func (c *checker) checkTerraform(b *hclsyntax.Block) {
	c.checkFixed(b, fixed{attrs: map[string]bool{"required_version": false, "experiments": false},
		blocks: map[string]int{"required_providers": 0, "backend": 1, "cloud": 0}}, "terraform block")
	for _, a := range b.Body.Attributes {
		c.noRefs(a.Expr, "terraform block")
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type != "required_providers" {
			continue
		}
		for _, a := range sortedAttrs(nb.Body.Attributes) {
			c.noRefs(a.Expr, "required_providers")
			if obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr); ok {
				for _, item := range obj.Items {
					k := hcl.ExprAsKeyword(item.KeyExpr)
					if k == "" {
						if v, d := item.KeyExpr.Value(nil); !d.HasErrors() && v.Type() == cty.String {
							k = v.AsString()
						}
					}
					if k != "source" && k != "version" && k != "configuration_aliases" {
						c.errorf(item.KeyExpr.Range(), "unsupported key %q in required_providers.%s", k, a.Name)
					}
				}
			}
		}
		for _, bb := range nb.Body.Blocks {
			c.errorf(bb.TypeRange, "unexpected block %q in required_providers", bb.Type)
		}
	}
}

func (c *checker) noRefs(e hclsyntax.Expression, where string) {
	for _, t := range e.Variables() {
		c.errorf(t.SourceRange(), "references are not allowed in %s", where)
	}
}

func (c *checker) checkProvider(b *hclsyntax.Block) {
	name := b.Labels[0]
	if name != "aws" {
		c.warnf(b.LabelRanges[0], "provider %q is not validated (no schema)", name)
		return
	}
	c.checkBody(b.Body, c.schema.Provider, b.TypeRange, "provider \"aws\"", scope{}, map[string]bool{"alias": true})
}

func (c *checker) checkVariable(b *hclsyntax.Block) {
	c.checkFixed(b, fixed{attrs: map[string]bool{"type": false, "default": false, "description": false, "sensitive": false, "nullable": false, "ephemeral": false},
		blocks: map[string]int{"validation": 0}}, "variable \""+b.Labels[0]+"\"")
	if a, ok := b.Body.Attributes["default"]; ok {
		c.noRefs(a.Expr, "a variable default")
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type == "validation" {
			c.checkFixed(nb, fixed{attrs: map[string]bool{"condition": true, "error_message": true}}, "validation")
			for _, a := range sortedAttrs(nb.Body.Attributes) {
				c.checkRefs(a.Expr, scope{})
			}
		}
	}
}

func (c *checker) checkOutput(b *hclsyntax.Block) {
	c.checkFixed(b, fixed{attrs: map[string]bool{"value": true, "description": false, "sensitive": false, "depends_on": false, "ephemeral": false},
		blocks: map[string]int{"precondition": 0}}, "output \""+b.Labels[0]+"\"")
	for _, a := range sortedAttrs(b.Body.Attributes) {
		c.checkRefs(a.Expr, scope{})
	}
	for _, nb := range b.Body.Blocks {
		if nb.Type == "precondition" {
			c.checkCondition(nb, scope{})
		}
	}
}

// checkMoved: `to` must be a resource of this module, `from` an address of a known type
// that no resource has any more (Terraform refuses a move onto or off a live address).
func (c *checker) checkMoved(b *hclsyntax.Block) {
	c.checkFixed(b, fixed{attrs: map[string]bool{"from": true, "to": true}}, "moved")
	addr := func(name string) (string, string, bool) {
		a, ok := b.Body.Attributes[name]
		if !ok {
			return "", "", false
		}
		t, diags := hcl.AbsTraversalForExpr(a.Expr)
		if diags.HasErrors() || len(t) != 2 {
			c.errorf(a.Expr.Range(), "moved %s must be a resource address TYPE.NAME", name)
			return "", "", false
		}
		attr, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			c.errorf(a.Expr.Range(), "moved %s must be a resource address TYPE.NAME", name)
			return "", "", false
		}
		return t.RootName(), attr.Name, true
	}
	ft, fn, fok := addr("from")
	tt, tn, tok := addr("to")
	if !fok || !tok {
		return
	}
	if ft != tt {
		c.errorf(b.Body.Attributes["to"].Expr.Range(), "moved from %s.%s to a resource of another type %s", ft, fn, tt)
	}
	if _, ok := c.resources[tt+"."+tn]; !ok {
		c.errorf(b.Body.Attributes["to"].Expr.Range(), "moved to undeclared resource %s.%s", tt, tn)
	}
	if _, ok := c.resources[ft+"."+fn]; ok {
		c.errorf(b.Body.Attributes["from"].Expr.Range(), "moved from %s.%s, which is still declared", ft, fn)
	}
	if c.schema.Resources[ft] == nil && strings.HasPrefix(ft, "aws_") {
		c.errorf(b.Body.Attributes["from"].Expr.Range(), "moved from unknown resource type %q", ft)
	}
}

func (c *checker) checkCondition(b *hclsyntax.Block, sc scope) {
	c.checkFixed(b, fixed{attrs: map[string]bool{"condition": true, "error_message": true}}, b.Type)
	for _, a := range sortedAttrs(b.Body.Attributes) {
		c.checkRefs(a.Expr, sc)
	}
}

var resourceMeta = map[string]bool{"count": true, "for_each": true, "depends_on": true, "provider": true}

func (c *checker) checkResource(d *decl) {
	body := d.block.Body
	if d.count && d.forEac {
		c.errorf(body.Attributes["for_each"].NameRange, "%s sets both count and for_each", d.addr())
	}
	for _, name := range []string{"count", "for_each"} {
		if a, ok := body.Attributes[name]; ok {
			c.checkRefs(a.Expr, scope{selfAddr: d.addr()})
		}
	}
	if a, ok := body.Attributes["depends_on"]; ok {
		c.checkRefs(a.Expr, scope{count: d.count, forEach: d.forEac, selfAddr: d.addr()})
	}
	if a, ok := body.Attributes["provider"]; ok {
		t, diags := hcl.AbsTraversalForExpr(a.Expr)
		if diags.HasErrors() || len(t) > 2 {
			c.errorf(a.Expr.Range(), "provider must be a provider reference such as aws or aws.alias")
		} else {
			key := t.RootName()
			if len(t) == 2 {
				if ta, ok := t[1].(hcl.TraverseAttr); ok {
					key += "." + ta.Name
				}
			}
			if !c.providers[key] && strings.Contains(key, ".") {
				c.errorf(a.Expr.Range(), "reference to undeclared provider configuration %s", key)
			}
		}
	}
	sc := scope{count: d.count, forEach: d.forEac, selfAddr: d.addr()}
	for _, b := range body.Blocks {
		if b.Type == "lifecycle" {
			c.checkLifecycle(d, b, sc)
		}
	}
	if d.schema == nil {
		for _, a := range sortedAttrs(body.Attributes) {
			if !resourceMeta[a.Name] {
				c.checkRefs(a.Expr, sc)
			}
		}
		return
	}
	c.checkBody(body, d.schema, d.block.TypeRange, d.typ, sc, resourceMeta)
}

func (c *checker) checkLifecycle(d *decl, b *hclsyntax.Block, sc scope) {
	c.checkFixed(b, fixed{attrs: map[string]bool{"create_before_destroy": false, "prevent_destroy": false, "ignore_changes": false, "replace_triggered_by": false},
		blocks: map[string]int{"precondition": 0, "postcondition": 0}}, "lifecycle")
	for _, name := range []string{"create_before_destroy", "prevent_destroy"} {
		if a, ok := b.Body.Attributes[name]; ok {
			c.noRefs(a.Expr, "lifecycle."+name)
		}
	}
	if a, ok := b.Body.Attributes["ignore_changes"]; ok && hcl.ExprAsKeyword(a.Expr) != "all" {
		items, diags := hcl.ExprList(a.Expr)
		if diags.HasErrors() {
			c.errorf(a.Expr.Range(), "ignore_changes must be a list of attribute names or the keyword all")
		}
		for _, it := range items {
			t, diags := hcl.RelTraversalForExpr(it)
			if diags.HasErrors() || len(t) == 0 {
				c.errorf(it.Range(), "ignore_changes entries must be attribute names")
				continue
			}
			root := t[0].(hcl.TraverseAttr).Name
			if d.schema != nil && d.schema.Attributes[root] == nil && d.schema.Blocks[root] == nil {
				c.errorf(it.Range(), "ignore_changes: %s has no attribute %q", d.typ, root)
			}
		}
	}
	if a, ok := b.Body.Attributes["replace_triggered_by"]; ok {
		c.checkRefs(a.Expr, sc)
	}
	for _, nb := range b.Body.Blocks {
		s := sc
		if nb.Type == "postcondition" {
			s.self = true
			s.selfAddr = ""
		}
		c.checkCondition(nb, s)
	}
}

// checkBody checks the arguments and nested blocks of body against schema s.
func (c *checker) checkBody(body *hclsyntax.Body, s *Block, defRange hcl.Range, where string, sc scope, meta map[string]bool) {
	for _, a := range sortedAttrs(body.Attributes) {
		if meta[a.Name] {
			if a.Name == "alias" {
				c.noRefs(a.Expr, "provider alias")
			}
			continue
		}
		if at, ok := s.Attributes[a.Name]; ok {
			if at.Mode == "computed" {
				c.errorf(a.NameRange, "%q is a computed (read-only) attribute of %s and cannot be set", a.Name, where)
			}
		} else if bs, ok := s.Blocks[a.Name]; ok {
			if !bs.AttrAsBlock {
				c.errorf(a.NameRange, "%q is a block in %s, not an argument; write %s { ... }", a.Name, where, a.Name)
			}
		} else {
			c.errorf(a.NameRange, "unsupported argument %q in %s%s", a.Name, where, suggest(a.Name, s))
		}
		c.checkRefs(a.Expr, sc)
	}
	counts := map[string]int{}
	dynamic := map[string]bool{}
	for _, b := range body.Blocks {
		if meta["count"] && b.Type == "lifecycle" {
			continue
		}
		if b.Type == "dynamic" {
			c.checkDynamic(b, s, where, sc, dynamic)
			continue
		}
		bs, ok := s.Blocks[b.Type]
		if !ok {
			if _, isAttr := s.Attributes[b.Type]; isAttr {
				c.errorf(b.TypeRange, "%q is an argument in %s, not a block; write %s = ...", b.Type, where, b.Type)
			} else {
				c.errorf(b.TypeRange, "unsupported block type %q in %s%s", b.Type, where, suggest(b.Type, s))
			}
			continue
		}
		if len(b.Labels) != 0 {
			c.errorf(b.LabelRanges[0], "%s block in %s takes no labels", b.Type, where)
		}
		counts[b.Type]++
		if bs.Max > 0 && counts[b.Type] == bs.Max+1 {
			c.errorf(b.TypeRange, "at most %d %q block(s) allowed in %s", bs.Max, b.Type, where)
		}
		c.checkBody(b.Body, bs, b.TypeRange, where+"."+b.Type, sc, nil)
	}
	for _, name := range sortedKeys(s.Attributes) {
		if s.Attributes[name].Mode == "required" {
			if _, ok := body.Attributes[name]; !ok {
				c.errorf(defRange, "missing required argument %q in %s", name, where)
			}
		}
	}
	for _, name := range sortedBlockKeys(s.Blocks) {
		if bs := s.Blocks[name]; bs.Min > 0 && counts[name] < bs.Min && !dynamic[name] {
			c.errorf(defRange, "missing required block %q in %s (at least %d)", name, where, bs.Min)
		}
	}
}

func (c *checker) checkDynamic(b *hclsyntax.Block, s *Block, where string, sc scope, seen map[string]bool) {
	if len(b.Labels) != 1 {
		c.errorf(b.TypeRange, "dynamic block must have 1 label")
		return
	}
	name := b.Labels[0]
	seen[name] = true
	bs, ok := s.Blocks[name]
	if !ok {
		c.errorf(b.LabelRanges[0], "unsupported block type %q in %s%s", name, where, suggest(name, s))
		return
	}
	c.checkFixed(b, fixed{attrs: map[string]bool{"for_each": true, "iterator": false, "labels": false}, blocks: map[string]int{"content": 0}}, "dynamic \""+name+"\"")
	iter := name
	if a, ok := b.Body.Attributes["iterator"]; ok {
		if k := hcl.ExprAsKeyword(a.Expr); k != "" {
			iter = k
		} else {
			c.errorf(a.Expr.Range(), "iterator must be a bare name")
		}
	}
	if a, ok := b.Body.Attributes["for_each"]; ok {
		c.checkRefs(a.Expr, sc)
	}
	var content *hclsyntax.Block
	for _, nb := range b.Body.Blocks {
		if nb.Type == "content" {
			if content != nil {
				c.errorf(nb.TypeRange, "duplicate content block")
			}
			content = nb
		}
	}
	if content == nil {
		c.errorf(b.TypeRange, "dynamic %q has no content block", name)
		return
	}
	c.checkBody(content.Body, bs, content.TypeRange, where+"."+name, sc.withIter(iter), nil)
}

func sortedKeys(m map[string]*Attr) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedBlockKeys(m map[string]*Block) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest proposes a close name from the schema (edit distance ≤ 2).
func suggest(name string, s *Block) string {
	best, bestD := "", 3
	consider := func(k string) {
		if d := distance(name, k); d < bestD {
			best, bestD = k, d
		}
	}
	for _, k := range sortedKeys(s.Attributes) {
		consider(k)
	}
	for _, k := range sortedBlockKeys(s.Blocks) {
		consider(k)
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min3(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func min3(a, b, c int) int {
	if b < a {
		a = b
	}
	if c < a {
		a = c
	}
	return a
}
