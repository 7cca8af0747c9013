package benchcorpus

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/kronika/kronika/index"
)

// Tuning variants: Kronika's indexing (with the corpus's extraction, as
// kronika-index) over a changed mapping or scorch setting, to measure a
// change before proposing it to the index package. The index is created
// here with the change and then opened by index.Open, which keeps a
// stored mapping and configuration, so the documents go through the real
// index.Put.
const (
	// VariantTuneTVExact keeps term vectors (positions, needed by phrase
	// queries) on the exact analyses only.
	VariantTuneTVExact = "tune-tv-exact-only"
	// VariantTuneNoExact drops the exact analyses of title and body.
	VariantTuneNoExact = "tune-no-exact"
	// VariantTuneLean combines both: lemma and folded analyses, without
	// term vectors on folded.
	VariantTuneLean = "tune-lean"
	// VariantTuneNoSource does not store the source JSON: it measures
	// what the stored document costs, not a usable index.
	VariantTuneNoSource = "tune-no-source"
	// VariantTuneUnsafe sets scorch's unsafe_batch: batches are not
	// fsynced before Batch returns.
	VariantTuneUnsafe = "tune-unsafe-batch"
	// VariantTuneAll puts every field in Bleve's catch-all _all field, as
	// Bleve's default mapping does; Kronika's mapping leaves it out.
	VariantTuneAll = "tune-all"
)

// TuneVariants lists the tuning variants.
func TuneVariants() []string {
	return []string{VariantTuneTVExact, VariantTuneNoExact, VariantTuneLean, VariantTuneNoSource, VariantTuneUnsafe, VariantTuneAll}
}

func isTune(v string) bool { return strings.HasPrefix(v, "tune-") }

// prepareTune creates an empty index in dir with the variant's change.
func prepareTune(dir, variant string) error {
	m, err := index.NewMapping()
	if err != nil {
		return err
	}
	var cfg map[string]any
	text := func(fn func(parent string, f *mapping.FieldMapping) bool) {
		for name, dm := range m.DefaultMapping.Properties {
			kept := dm.Fields[:0]
			for _, f := range dm.Fields {
				if fn(name, f) {
					kept = append(kept, f)
				}
			}
			dm.Fields = kept
		}
	}
	exact := func(f *mapping.FieldMapping) bool { return strings.HasSuffix(f.Name, "_exact") }
	textField := func(f *mapping.FieldMapping) bool { return f.IncludeTermVectors }
	switch variant {
	case VariantTuneTVExact:
		text(func(_ string, f *mapping.FieldMapping) bool {
			if textField(f) && !exact(f) {
				f.IncludeTermVectors = false
			}
			return true
		})
	case VariantTuneNoExact:
		text(func(_ string, f *mapping.FieldMapping) bool { return !exact(f) })
	case VariantTuneLean:
		text(func(_ string, f *mapping.FieldMapping) bool {
			if strings.HasSuffix(f.Name, "_folded") {
				f.IncludeTermVectors = false
			}
			return !exact(f)
		})
	case VariantTuneNoSource:
		text(func(parent string, f *mapping.FieldMapping) bool { return parent != "source" })
	case VariantTuneUnsafe:
		cfg = map[string]any{"unsafe_batch": true}
	case VariantTuneAll:
		text(func(parent string, f *mapping.FieldMapping) bool {
			f.IncludeInAll = parent != "source"
			return true
		})
	default:
		return fmt.Errorf("unknown tuning variant %q", variant)
	}
	ix, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, cfg)
	if err != nil {
		return fmt.Errorf("create %s index: %w", variant, err)
	}
	return ix.Close()
}
