package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kronika/kronika/internal/cli"
)

// TestDataRoot checks where the evaluations look for their data: their
// own flag, --data-root, $KRONIKA_EVAL_DATA, then shared/data beside the
// working directory or a parent; and that missing data is bad usage with
// a message saying how to point at it.
func TestDataRoot(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "shared", "data")
	if err := os.MkdirAll(filepath.Join(data, "news-dev"), 0o755); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "main", "cmd", "kronika-lab")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	other := t.TempDir()
	if err := os.MkdirAll(filepath.Join(other, "news-dev"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		env     string
		want    string // the path filled in
		wantErr string
	}{
		{"found beside the checkout", nil, "", filepath.Join(data, "news-dev"), ""},
		{"environment", nil, other, filepath.Join(other, "news-dev"), ""},
		{"flag over environment", []string{"--data-root", other}, "/nope", filepath.Join(other, "news-dev"), ""},
		{"own flag wins", []string{"--gold", "/x/y"}, "", "", "/x/y is missing"},
		{"missing", []string{"--data-root", "/nope"}, "", "", "pass --data-root DIR or set $KRONIKA_EVAL_DATA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("eval", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			r := addDataRoot(fs)
			var gold string
			fs.StringVar(&gold, "gold", "", "")
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			env := cli.Env{Getenv: func(k string) string {
				if k == "KRONIKA_EVAL_DATA" {
					return tc.env
				}
				return ""
			}}
			err := r.fill(env, dataPath{&gold, "news-dev"})
			switch {
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !cli.IsUsage(err) {
					t.Errorf("got %v, want a usage error with %q", err, tc.wantErr)
				}
			case err != nil:
				t.Errorf("got %v", err)
			case gold != tc.want:
				t.Errorf("got %q, want %q", gold, tc.want)
			}
		})
	}
}
