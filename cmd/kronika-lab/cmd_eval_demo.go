package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/kronika/kronika/demosite"
	"github.com/kronika/kronika/extract/extracteval"
	"github.com/kronika/kronika/internal/cli"
)

// legalForm matches a legal-form suffix the answer key may carry and an
// extractor may leave out (both are right).
var legalForm = regexp.MustCompile(`\s+(S\.A\.|sp\. z o\.o\.|sp\.k\.|sp\. j\.)$`)

// runEvalDemo scores the extractor on the sample site's answer key: the
// articles written for the project and keyed by hand independently of the
// extractor. Dates are not keyed there, so only entities are scored.
func runEvalDemo(ctx context.Context, env cli.Env, args []string) error {
	var misses bool
	fs := newFlagSet(env, "eval")
	fs.BoolVar(&misses, "misses", false, "list missed and spurious items per article")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	site, err := demosite.Load()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "kronika-eval-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	gold := filepath.Join(dir, "demo.jsonl")
	if err := writeDemoGold(gold, site.Articles()); err != nil {
		return err
	}
	rep, err := extracteval.Evaluate(extracteval.Options{Gold: gold})
	if err != nil {
		return err
	}
	types := []string{"people", "institutions", "places"}
	if misses {
		for _, r := range rep.Results {
			for _, t := range types {
				if len(r.Missed[t]) > 0 {
					fmt.Fprintf(env.Stdout, "%s %s MISSED: %s\n", r.ID, t, strings.Join(r.Missed[t], "; "))
				}
				if len(r.Spurious[t]) > 0 {
					fmt.Fprintf(env.Stdout, "%s %s SPURIOUS: %s\n", r.ID, t, strings.Join(r.Spurious[t], "; "))
				}
			}
		}
		fmt.Fprintln(env.Stdout)
	}
	fmt.Fprintf(env.Stdout, "sample-site answer key: %d articles\n", rep.Articles)
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\tP\tR\tF1\tTP\tFP\tFN\t")
	for _, t := range types {
		c := rep.Totals[t]
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t\n", t, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	}
	return tw.Flush()
}

// writeDemoGold writes the answer key in the news-dev gold format.
func writeDemoGold(path string, arts []demosite.Article) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, a := range arts {
		type item struct {
			Name     string   `json:"name"`
			Aliases  []string `json:"aliases,omitempty"`
			Optional bool     `json:"optional,omitempty"`
		}
		items := func(names []string) []item {
			out := []item{}
			for _, n := range names {
				it := item{Name: n}
				if short := legalForm.ReplaceAllString(n, ""); short != n {
					it.Aliases = []string{short}
				}
				out = append(out, it)
			}
			for _, n := range a.Optional {
				out = append(out, item{Name: n, Optional: true})
			}
			return out
		}
		pub := a.Published.Format("2006-01-02T15:04")
		rec := map[string]any{
			"id": a.Outlet + "/" + a.Slug, "url": a.Path, "published": pub, "text": a.Text(),
			"gold": map[string]any{
				"people": items(a.People), "institutions": items(a.Institutions),
				"places": items(a.Places), "dates": []item{},
			},
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return f.Close()
}
