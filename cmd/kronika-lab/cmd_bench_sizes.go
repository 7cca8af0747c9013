package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/internal/cli"
)

// runBenchSizes prints where the bytes of a kept index go, per field and
// per structure.
func runBenchSizes(_ context.Context, env cli.Env, args []string) error {
	var dir string
	var raw int64
	var asJSON bool
	fs := newFlagSet(env, "bench")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: kronika-lab bench sizes --index DIR [--raw-bytes N] [--json]\n\nSay where the bytes of a closed Bleve index go: per field, its term dictionary,\npostings, frequencies and norms, positions (term vectors) and doc values; the\nstored fields; the visit records. Works on Kronika's indexes and on Bleve's\ndefaults (bench index --keep keeps both as WORK/data-VARIANT-N/index).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&dir, "index", "", "the index directory")
	fs.Int64Var(&raw, "raw-bytes", 0, "the raw text's bytes (bench index prints them), for the × raw column")
	fs.BoolVar(&asJSON, "json", false, "print the breakdown as JSON")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	if dir == "" || fs.NArg() > 0 {
		return cli.Usagef("give --index DIR and nothing else")
	}
	b, err := index.MeasureSizes(dir)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(b)
	}
	writeSizes(env.Stdout, b, raw)
	return nil
}

// writeSizes prints b as a Markdown table, in MB, with each row's share
// of the directory and, given raw, its bytes over the raw text's.
func writeSizes(w io.Writer, b index.SizeBreakdown, raw int64) {
	mb := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }
	share := func(n int64) string {
		s := fmt.Sprintf("%.1f %%", 100*float64(n)/float64(max(b.Directory, 1)))
		if raw > 0 {
			s += fmt.Sprintf(", %.2f×", float64(n)/float64(raw))
		}
		return s
	}
	fmt.Fprintf(w, "%d segments (%d in memory, not counted)\n\n", b.Segments, b.InMemory)
	fmt.Fprintln(w, "| field | terms | dictionary MB | postings MB | frequencies MB | positions MB | doc values MB | total MB | share, × raw |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---|")
	var sum index.FieldSize
	for _, f := range b.Fields {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", f.Field, f.Terms, mb(f.Dictionary), mb(f.Postings), mb(f.Frequencies), mb(f.Positions), mb(f.DocValues), mb(f.Total()), share(f.Total()))
		sum.Add(f)
	}
	fmt.Fprintf(w, "| **all fields** | | %s | %s | %s | %s | %s | %s | %s |\n", mb(sum.Dictionary), mb(sum.Postings), mb(sum.Frequencies), mb(sum.Positions), mb(sum.DocValues), mb(sum.Total()), share(sum.Total()))
	fmt.Fprintf(w, "| stored fields | | | | | | | %s | %s |\n", mb(b.Stored), share(b.Stored))
	fmt.Fprintf(w, "| segment headers, footers | | | | | | | %s | %s |\n", mb(b.Other), share(b.Other))
	fmt.Fprintf(w, "| visit records' index | | | | | | | %s | %s |\n", mb(b.Visits), share(b.Visits))
	fmt.Fprintf(w, "| other files | | | | | | | %s | %s |\n", mb(b.Rest), share(b.Rest))
	fmt.Fprintf(w, "| **directory** | | | | | | | %s | %s |\n", mb(b.Directory), share(b.Directory))
}
