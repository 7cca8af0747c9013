package index

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutdated checks that an index opens whatever mapping version it
// records, and that Outdated says whether an earlier version built it: a
// version other than this one's, or none in an index of documents (built
// before versions were recorded).
func TestOutdated(t *testing.T) {
	tests := []struct {
		name    string
		version []byte // nil: remove the record
		want    string // "" for up to date
	}{
		{"current", []byte(mappingVersion), ""},
		{"previous", []byte("3"), "index format 3, this version needs " + mappingVersion},
		{"before versions", nil, "index format 1, this version needs " + mappingVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			ix, err := Open(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			putBatches(t, ix, 0, 1)
			if tt.version == nil {
				err = ix.bleve.DeleteInternal(mappingVersionKey)
			} else {
				err = ix.bleve.SetInternal(mappingVersionKey, tt.version)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			ix, err = Open(dir, Options{})
			if err != nil {
				t.Fatalf("an index of mapping %q does not open: %v", tt.version, err)
			}
			defer ix.Close()
			got := ix.Outdated()
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("Outdated() = %v, want nil", got)
			case tt.want != "" && (!errors.Is(got, ErrOutdated) || !strings.Contains(got.Error(), tt.want)):
				t.Errorf("Outdated() = %v, want ErrOutdated saying %q", got, tt.want)
			}
			if n, err := ix.Count(); err != nil || n != 10 {
				t.Errorf("Count() = %d, %v; want the 10 documents", n, err)
			}
		})
	}
}
