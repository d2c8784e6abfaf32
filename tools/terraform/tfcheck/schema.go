package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// Attr is one attribute of a schema object. Mode is required, optional, optional_computed or
// computed. Attributes is set for object-typed attributes (e.g. master_user_secret), whose
// Collection is list, set, map or object.
type Attr struct {
	Mode       string           `json:"mode"`
	Collection string           `json:"collection"`
	Attributes map[string]*Attr `json:"attributes"`
}

// Block is a resource, data source, provider or nested block schema. Nesting is list, set or
// single; Max 0 means unlimited. AttrAsBlock marks SDKv2 "attributes as blocks" (computed,
// written with block syntax or as an argument).
type Block struct {
	Nesting     string            `json:"nesting"`
	Min         int               `json:"min"`
	Max         int               `json:"max"`
	AttrAsBlock bool              `json:"attr_as_block"`
	Attributes  map[string]*Attr  `json:"attributes"`
	Blocks      map[string]*Block `json:"blocks"`
}

// Schema is the trimmed provider schema produced by extract-schema.mjs.
type Schema struct {
	ProviderVersion string            `json:"provider_version"`
	Source          string            `json:"source"`
	Provider        *Block            `json:"provider"`
	Resources       map[string]*Block `json:"resources"`
	DataSources     map[string]*Block `json:"data_sources"`
}

func loadSchema(path string) (*Schema, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if s.Provider == nil || len(s.Resources) == 0 {
		return nil, fmt.Errorf("%s: no provider or resources", path)
	}
	return &s, nil
}
