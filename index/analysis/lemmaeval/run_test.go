package lemmaeval

import (
	"flag"
	"os"
	"testing"
)

var (
	udDir   = flag.String("ud", "", "UD Polish PDB directory: run the evaluation on it")
	udSplit = flag.String("split", "dev", "split for -ud")
	misses  = flag.Int("misses", 0, "misses to list with -ud")
)

func TestRunUD(t *testing.T) {
	if *udDir == "" {
		t.Skip("no -ud directory")
	}
	if err := Run(os.Stdout, Options{Dir: *udDir, Split: *udSplit, Misses: *misses}); err != nil {
		t.Fatal(err)
	}
}
