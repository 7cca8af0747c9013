package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kronika/kronika/crawler"
	"github.com/kronika/kronika/extract"
	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// Dir is a data directory: the layout is in docs/interfaces.md, "Data
// directory".
type Dir string

// IndexPath is the directory of the Bleve index.
func (d Dir) IndexPath() string { return filepath.Join(string(d), "index") }

// ServerFile is the record a running server leaves for local commands.
func (d Dir) ServerFile() string { return filepath.Join(string(d), "server.json") }

// AliasesFile is the operators' alias file: it merges and renames entities
// at index time and on reindex (format in extract/README.md). A missing
// file means no aliases.
func (d Dir) AliasesFile() string { return filepath.Join(string(d), "aliases.txt") }

// HasIndex reports whether the data directory holds an index.
func (d Dir) HasIndex() bool {
	_, err := os.Stat(filepath.Join(d.IndexPath(), "index_meta.json"))
	return err == nil
}

// HasCaptures reports whether the data directory holds stored captures.
func (d Dir) HasCaptures() bool {
	_, err := os.Stat(filepath.Join(string(d), crawler.CapturesDir))
	return err == nil
}

// ErrNoArchive is the error of commands that read an archive where there
// is none.
var ErrNoArchive = errors.New("no archive")

// OpenIndex opens the data directory's index, creating it when missing,
// and explains a lock held by a running server or another command.
func (d Dir) OpenIndex(ctx context.Context, opts index.Options) (*index.Index, error) {
	ix, err := index.Open(d.IndexPath(), opts)
	if errors.Is(err, index.ErrLocked) {
		if rec := RunningServer(ctx, d.ServerFile()); rec != nil {
			return nil, fmt.Errorf("the index in %s is owned by kronika serve (pid %d, %s); stop it first", d, rec.PID, rec.Addr)
		}
		return nil, fmt.Errorf("the index in %s is locked by another kronika process; wait for it to finish or stop it", d)
	}
	return ix, err
}

// OpenExistingIndex is OpenIndex for commands that only read an archive:
// where there is none it creates nothing and returns an error wrapping
// ErrNoArchive that says how to make one.
func (d Dir) OpenExistingIndex(ctx context.Context, opts index.Options) (*index.Index, error) {
	if !d.HasIndex() {
		return nil, fmt.Errorf("%w in %s (no index/ there): check --data or $KRONIKA_DATA, or fill it first with kronika crawl, or kronika demo --data %s", ErrNoArchive, d, d)
	}
	return d.OpenIndex(ctx, opts)
}

// Extractor returns the extractor of the data directory, with its alias
// file applied when there is one.
func (d Dir) Extractor() (*extract.Extractor, error) {
	return ExtractorWithAliases(d.AliasesFile(), false)
}

// ExtractorWithAliases builds an extractor with the alias file at path
// ("" for none); a missing file is an error only when required. A bad
// file is a news.EInvalid error naming it.
func ExtractorWithAliases(path string, required bool) (*extract.Extractor, error) {
	var opts []extract.Option
	if path != "" {
		a, err := extract.LoadAliases(path)
		switch {
		case err == nil:
			opts = append(opts, extract.WithAliases(a))
		case errors.Is(err, fs.ErrNotExist) && !required:
		default:
			return nil, news.Errorf(news.EInvalid, "aliases: %v", err)
		}
	}
	ex, err := extract.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("start extractor: %w", err)
	}
	return ex, nil
}
