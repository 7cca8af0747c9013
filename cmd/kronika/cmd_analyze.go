package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/internal/cli"
	"github.com/kronika/kronika/news"
)

// maxAnalyzeLine caps one stdin line of `kronika analyze`.
const maxAnalyzeLine = 1 << 20

func runAnalyze(ctx context.Context, env cli.Env, args []string) error {
	var analyzer string
	var asJSON bool
	fs := newFlagSet(env, "analyze")
	fs.StringVar(&analyzer, "analyzer", "pl", "analyzer: "+strings.Join(index.AnalyzerNames(), ", "))
	fs.BoolVar(&asJSON, "json", false, "print terms with positions and offsets as JSON, one object per text")
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	an, err := index.NewAnalyzers()
	if err != nil {
		return err
	}
	if _, err := an.Terms(analyzer, ""); err != nil {
		if news.ErrorCode(err) == news.EInvalid {
			return cli.Usagef("%v", err)
		}
		return err
	}
	emit := func(text string) error {
		terms, err := an.Terms(analyzer, text)
		if err != nil {
			return err
		}
		if asJSON {
			if terms == nil {
				terms = []index.Term{}
			}
			b, err := json.Marshal(map[string]any{"text": text, "analyzer": analyzer, "tokens": terms})
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(env.Stdout, string(b))
			return err
		}
		words := make([]string, len(terms))
		for i, t := range terms {
			words[i] = t.Term
		}
		_, err = fmt.Fprintln(env.Stdout, strings.Join(words, " "))
		return err
	}
	if fs.NArg() > 0 {
		for _, text := range fs.Args() {
			if err := emit(text); err != nil {
				return err
			}
		}
		return nil
	}
	sc := bufio.NewScanner(env.Stdin)
	sc.Buffer(make([]byte, 64<<10), maxAnalyzeLine)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := emit(sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read stdin: %w", err)
	}
	return nil
}
