// Command tfcheck validates Terraform root modules against a trimmed AWS provider schema.
//
//	tfcheck -schema aws-provider-schema.json DIR...
//
// Each DIR is one root module (its *.tf files). One line per problem:
// FILE:LINE:COL: error: message. Exit 0 clean, 1 on any error, 2 on usage errors.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	schemaPath := flag.String("schema", "", "path to aws-provider-schema.json (required)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: tfcheck -schema SCHEMA.json DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *schemaPath == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	schema, err := loadSchema(*schemaPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tfcheck:", err)
		os.Exit(2)
	}
	failed := false
	for _, dir := range flag.Args() {
		files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
		if err != nil || len(files) == 0 {
			fmt.Fprintf(os.Stderr, "tfcheck: %s: no *.tf files\n", dir)
			os.Exit(2)
		}
		sort.Strings(files)
		problems := checkModule(schema, files)
		for _, p := range problems {
			fmt.Println(p)
		}
		if len(problems) > 0 {
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
