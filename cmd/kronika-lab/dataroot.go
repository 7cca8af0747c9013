package main

import (
	"flag"
	"os"
	"path/filepath"

	"github.com/kronika/kronika/internal/cli"
)

// dataRoot is the --data-root flag of the evaluations: the folder of the
// evaluation data sets (../shared/data next to the repository).
type dataRoot struct{ dir string }

// addDataRoot registers --data-root on fs.
func addDataRoot(fs *flag.FlagSet) *dataRoot {
	r := &dataRoot{}
	fs.StringVar(&r.dir, "data-root", "", "folder of the evaluation data sets (default $KRONIKA_EVAL_DATA, else ../shared/data next to the repository)")
	return r
}

// dataPath is a flag's value that defaults to a path under the data root.
type dataPath struct {
	value *string
	rel   string
}

// fill gives every path not set by its own flag its place under the data
// root, and checks that each exists, saying where the data was looked for
// and how to point at it when it is missing.
func (r *dataRoot) fill(env cli.Env, paths ...dataPath) error {
	root, how := r.dir, "--data-root"
	if root == "" {
		root, how = env.Getenv("KRONIKA_EVAL_DATA"), "$KRONIKA_EVAL_DATA"
	}
	if root == "" {
		root, how = findSharedData(), "../shared/data next to the repository"
	}
	for _, p := range paths {
		if *p.value != "" {
			continue
		}
		if root == "" {
			return cli.Usagef("no evaluation data: looked for ../shared/data next to the repository, from %s upwards; put the data sets (%s, …) in a folder and pass --data-root DIR or set $KRONIKA_EVAL_DATA", workingDir(), p.rel)
		}
		*p.value = filepath.Join(root, p.rel)
	}
	for _, p := range paths {
		if _, err := os.Stat(*p.value); err != nil {
			return cli.Usagef("evaluation data %s is missing (data root from %s): %v; pass --data-root DIR or set $KRONIKA_EVAL_DATA to the folder holding %s", *p.value, how, err, p.rel)
		}
	}
	return nil
}

// findSharedData looks for shared/data beside the working directory or
// one of its parents (a checkout's root, or a package folder under it),
// and returns "" when there is none.
func findSharedData() string {
	dir := workingDir()
	for {
		cand := filepath.Join(filepath.Dir(dir), "shared", "data")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func workingDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}
