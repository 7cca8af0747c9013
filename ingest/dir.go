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

// HasCaptures reports whether the data directory holds stored captures:
// at least one WARC file.
func (d Dir) HasCaptures() bool {
	files, _ := filepath.Glob(filepath.Join(string(d), crawler.CapturesDir, "*.warc.gz*"))
	return len(files) > 0
}

// ErrNoArchive is the error of commands that read an archive where there
// is none.
var ErrNoArchive = errors.New("no archive")

// ErrIndexLost is the error of commands that open the index of a data
// directory whose captures are there but whose index is not: a new index
// would hold only what the next crawl changes, so none is created and
// kronika reindex is named instead.
var ErrIndexLost = errors.New("index missing")

// OpenIndex opens the data directory's index for a command that fills it
// (crawl, recrawl, demo), after RecoverIndex has settled an interrupted
// reindex, and explains a lock held by a running server or another
// command. It creates an index only in a directory with no captures: where
// captures are there but the index is not, it fails with ErrIndexLost. An
// index an earlier version of Kronika built is refused with an error
// wrapping index.ErrOutdated that names kronika reindex.
func (d Dir) OpenIndex(ctx context.Context, opts index.Options) (*index.Index, error) {
	if err := d.RecoverIndex(nil); err != nil {
		return nil, err
	}
	if !d.HasIndex() && d.HasCaptures() {
		return nil, d.lostIndex()
	}
	ix, err := index.Open(d.IndexPath(), opts)
	if errors.Is(err, index.ErrLocked) {
		if rec := RunningServer(ctx, d.ServerFile()); rec != nil {
			return nil, fmt.Errorf("the index in %s is owned by kronika serve (pid %d, %s); stop it first", d, rec.PID, rec.Addr)
		}
		return nil, fmt.Errorf("the index in %s is locked by another kronika process; wait for it to finish or stop it", d)
	}
	if err != nil {
		return nil, err
	}
	if err := ix.Outdated(); err != nil {
		ix.Close()
		return nil, d.outdated(err)
	}
	return ix, nil
}

// outdated explains an index an earlier version built: what to run.
func (d Dir) outdated(err error) error {
	return fmt.Errorf("the index in %s: %w; run kronika reindex --data %s to rebuild it from the stored captures (no network needed)", d, err, d)
}

// OpenExistingIndex is OpenIndex for commands that only read an archive:
// where there is none it creates nothing and returns an error wrapping
// ErrNoArchive that says how to make one.
func (d Dir) OpenExistingIndex(ctx context.Context, opts index.Options) (*index.Index, error) {
	if err := d.RecoverIndex(nil); err != nil {
		return nil, err
	}
	if !d.HasIndex() {
		if d.HasCaptures() {
			return nil, d.lostIndex()
		}
		return nil, d.noArchive("no index/ there")
	}
	return d.OpenIndex(ctx, opts)
}

// OpenIndexToServe is OpenIndex for kronika serve. A data directory that
// does not exist is no archive (a mistyped --data must not be served as
// an empty one); an existing directory with neither index nor captures, a
// new Docker volume say, gets an empty index, which a crawl handed to the
// server fills: created reports that case.
func (d Dir) OpenIndexToServe(ctx context.Context, opts index.Options) (ix *index.Index, created bool, err error) {
	if _, err := os.Stat(string(d)); err != nil {
		return nil, false, d.noArchive("the directory does not exist")
	}
	if err := d.RecoverIndex(nil); err != nil {
		return nil, false, err
	}
	created = !d.HasIndex()
	ix, err = d.OpenIndex(ctx, opts)
	return ix, created && err == nil, err
}

func (d Dir) noArchive(why string) error {
	return fmt.Errorf("%w in %s (%s): check --data or $KRONIKA_DATA, or fill it first with kronika crawl, or kronika demo --data %s", ErrNoArchive, d, why, d)
}

func (d Dir) lostIndex() error {
	return fmt.Errorf("%w: %s holds captures but no index/; run kronika reindex --data %s to rebuild the index from them", ErrIndexLost, d, d)
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
