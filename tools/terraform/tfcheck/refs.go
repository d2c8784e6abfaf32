package main

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

type stepKind int

const (
	stepAttr stepKind = iota
	stepIndex
	stepSplat
)

// step is one element of a reference path. For an index, key is the literal key or
// cty.NilVal when the key is computed (aws_x.y[count.index]).
type step struct {
	kind stepKind
	name string
	key  cty.Value
}

func (s step) String() string {
	switch s.kind {
	case stepAttr:
		return "." + s.name
	case stepIndex:
		if s.key == cty.NilVal {
			return "[...]"
		}
		if s.key.Type() == cty.String {
			return fmt.Sprintf("[%q]", s.key.AsString())
		}
		if s.key.Type() == cty.Number {
			return "[" + s.key.AsBigFloat().String() + "]"
		}
		return "[?]"
	}
	return "[*]"
}

func traversalSteps(t hcl.Traversal) []step {
	var out []step
	for _, tr := range t {
		switch v := tr.(type) {
		case hcl.TraverseRoot:
			out = append(out, step{kind: stepAttr, name: v.Name})
		case hcl.TraverseAttr:
			out = append(out, step{kind: stepAttr, name: v.Name})
		case hcl.TraverseIndex:
			out = append(out, step{kind: stepIndex, key: v.Key})
		case hcl.TraverseSplat:
			out = append(out, step{kind: stepSplat})
		}
	}
	return out
}

// flatten reconstructs a reference path through index, relative-traversal and splat
// expressions, which expr.Variables() cuts at the first computed index.
func flatten(e hclsyntax.Expression) ([]step, bool) {
	switch v := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return traversalSteps(v.Traversal), true
	case *hclsyntax.RelativeTraversalExpr:
		src, ok := flatten(v.Source)
		if !ok {
			return nil, false
		}
		return append(src, traversalSteps(v.Traversal)...), true
	case *hclsyntax.IndexExpr:
		src, ok := flatten(v.Collection)
		if !ok {
			return nil, false
		}
		key := cty.NilVal
		if len(v.Key.Variables()) == 0 {
			if kv, d := v.Key.Value(nil); !d.HasErrors() && kv.IsKnown() && !kv.IsNull() {
				key = kv
			}
		}
		return append(src, step{kind: stepIndex, key: key}), true
	case *hclsyntax.SplatExpr:
		src, ok := flatten(v.Source)
		if !ok {
			return nil, false
		}
		src = append(src, step{kind: stepSplat})
		if rel, ok := v.Each.(*hclsyntax.RelativeTraversalExpr); ok {
			if _, anon := rel.Source.(*hclsyntax.AnonSymbolExpr); anon {
				src = append(src, traversalSteps(rel.Traversal)...)
			}
		}
		return src, true
	}
	return nil, false
}

// checkRefs checks every reference in e: declarations via Variables() (which knows the
// scopes of for expressions), attribute paths via flatten.
func (c *checker) checkRefs(e hclsyntax.Expression, sc scope) {
	for _, t := range e.Variables() {
		c.checkPath(traversalSteps(t), t.SourceRange(), sc)
	}
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n.(type) {
		case *hclsyntax.IndexExpr, *hclsyntax.RelativeTraversalExpr, *hclsyntax.SplatExpr:
		default:
			return nil
		}
		ex := n.(hclsyntax.Expression)
		steps, ok := flatten(ex)
		if !ok || len(steps) < 2 {
			return nil
		}
		root := steps[0].name
		if root == "data" || c.resources[root+"."+steps[1].name] != nil {
			c.checkPath(steps, ex.Range(), sc)
		}
		return nil
	})
}

func attrAt(st []step, i int) (string, bool) {
	if i < len(st) && st[i].kind == stepAttr {
		return st[i].name, true
	}
	return "", false
}

func render(st []step) string {
	var b strings.Builder
	for i, s := range st {
		if i == 0 {
			b.WriteString(s.name)
		} else {
			b.WriteString(s.String())
		}
	}
	return b.String()
}

func (c *checker) checkPath(st []step, r hcl.Range, sc scope) {
	root := st[0].name
	a1, has1 := attrAt(st, 1)
	switch root {
	case "var":
		if !has1 {
			c.errorf(r, "invalid reference %s: expected var.NAME", render(st))
		} else if !c.vars[a1] {
			c.errorf(r, "reference to undeclared input variable var.%s", a1)
		}
	case "local":
		if !has1 {
			c.errorf(r, "invalid reference %s: expected local.NAME", render(st))
		} else if !c.locals[a1] {
			c.errorf(r, "reference to undeclared local value local.%s", a1)
		}
	case "count":
		if !sc.count {
			c.errorf(r, "count.%s is only valid inside a resource or data block that sets count", a1)
		} else if a1 != "index" {
			c.errorf(r, "invalid reference %s: only count.index exists", render(st))
		}
	case "each":
		if !sc.forEach {
			c.errorf(r, "each.%s is only valid inside a resource or data block that sets for_each", a1)
		} else if a1 != "key" && a1 != "value" {
			c.errorf(r, "invalid reference %s: only each.key and each.value exist", render(st))
		}
	case "self":
		if !sc.self {
			c.errorf(r, "self is only valid in postcondition, provisioner and connection blocks")
		}
	case "path":
		if a1 != "module" && a1 != "root" && a1 != "cwd" {
			c.errorf(r, "invalid reference %s: expected path.module, path.root or path.cwd", render(st))
		}
	case "terraform":
		if a1 != "workspace" && a1 != "applying" {
			c.errorf(r, "invalid reference %s", render(st))
		}
	case "module":
		c.errorf(r, "reference to undeclared module %s (this root module declares no module calls)", render(st))
	case "data":
		a2, has2 := attrAt(st, 2)
		if !has1 || !has2 {
			c.errorf(r, "invalid reference %s: expected data.TYPE.NAME", render(st))
			return
		}
		d := c.datas[a1+"."+a2]
		if d == nil {
			c.errorf(r, "reference to undeclared data source data.%s.%s", a1, a2)
			return
		}
		c.checkInstance(d, st, 3, r)
	case "ephemeral":
		a2, has2 := attrAt(st, 2)
		if !has1 || !has2 {
			c.errorf(r, "invalid reference %s: expected ephemeral.TYPE.NAME", render(st))
			return
		}
		if c.ephemeral[a1+"."+a2] == nil {
			c.errorf(r, "reference to undeclared ephemeral resource ephemeral.%s.%s", a1, a2)
		}
	default:
		if sc.iters[root] {
			if a1 != "key" && a1 != "value" {
				c.errorf(r, "invalid reference %s: a dynamic block iterator has only key and value", render(st))
			}
			return
		}
		if !has1 {
			c.errorf(r, "unknown reference %q", root)
			return
		}
		d := c.resources[root+"."+a1]
		if d == nil {
			if strings.Contains(root, "_") {
				c.errorf(r, "reference to undeclared resource %s.%s", root, a1)
			} else {
				c.errorf(r, "unknown reference %s", render(st))
			}
			return
		}
		if sc.selfAddr == d.addr() {
			c.errorf(r, "%s refers to itself; use self only in postconditions", d.addr())
			return
		}
		c.checkInstance(d, st, 2, r)
	}
}

// checkInstance checks the instance key and the attribute path after a resource address
// (st[i:]).
func (c *checker) checkInstance(d *decl, st []step, i int, r hcl.Range) {
	if i >= len(st) {
		return
	}
	addr := d.addr()
	s := st[i]
	switch {
	case d.count || d.forEac:
		meta, key := "count", "[count.index]"
		if d.forEac {
			meta, key = "for_each", "[each.key]"
		}
		switch s.kind {
		case stepAttr:
			c.errorf(r, "missing instance key: %s has %s set, so %s must be written %s%s%s or %s[*]%s", addr, meta, render(st), addr, key, s.String(), addr, s.String())
			return
		case stepIndex:
			if s.key != cty.NilVal {
				if d.count && s.key.Type() != cty.Number {
					c.errorf(r, "%s has count set; its instance keys are numbers, not %s", addr, s.String())
				}
				if d.forEac && s.key.Type() != cty.String {
					c.errorf(r, "%s has for_each set; its instance keys are strings, not %s", addr, s.String())
				}
			}
		}
		i++
	default:
		switch s.kind {
		case stepIndex:
			c.errorf(r, "%s has neither count nor for_each set, so it cannot be indexed (%s)", addr, render(st))
			return
		case stepSplat:
			i++
		}
	}
	if d.schema == nil {
		return
	}
	c.checkAttrPath(st, i, r, addr, d.schema.Attributes, d.schema.Blocks)
}

func (c *checker) checkAttrPath(st []step, i int, r hcl.Range, where string, attrs map[string]*Attr, blocks map[string]*Block) {
	if i >= len(st) {
		return
	}
	s := st[i]
	if s.kind != stepAttr {
		c.errorf(r, "invalid reference %s: %s is an object; expected an attribute name, not %s", render(st), where, s.String())
		return
	}
	here := where + "." + s.name
	var collection string
	var nAttrs map[string]*Attr
	var nBlocks map[string]*Block
	if a := attrs[s.name]; a != nil {
		if a.Attributes == nil {
			return // primitive, list/map of primitives: no further structure known
		}
		collection, nAttrs = a.Collection, a.Attributes
	} else if b := blocks[s.name]; b != nil {
		collection, nAttrs, nBlocks = b.Nesting, b.Attributes, b.Blocks
		if collection == "single" {
			collection = "object"
		}
	} else {
		c.errorf(r, "unsupported attribute %q in reference %s: %s has no such attribute", s.name, render(st), where)
		return
	}
	i++
	if i >= len(st) {
		return
	}
	next := st[i]
	switch collection {
	case "list", "set", "map":
		switch next.kind {
		case stepAttr:
			c.errorf(r, "invalid reference %s: %s is a %s of objects; select an element first, e.g. %s[0]%s", render(st), here, collection, s.name, next.String())
			return
		case stepIndex:
			if collection == "set" {
				c.errorf(r, "invalid reference %s: %s is a set, whose elements cannot be selected by index (use one(), tolist() or a for expression)", render(st), here)
				return
			}
		}
		i++
	}
	c.checkAttrPath(st, i, r, here, nAttrs, nBlocks)
}
