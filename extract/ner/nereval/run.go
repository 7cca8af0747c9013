package nereval

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kronika/kronika/extract/ner"
)

// Options sets up Run.
type Options struct {
	NKJP string // the NKJP1M IOB file
	KPWr string // the KPWr n82 IOB file; "" skips it
	// WikiNEuRal is the WikiNEuRal Polish test file (evaluation only:
	// CC BY-NC-SA); "" skips it.
	WikiNEuRal string
	// Model is a model file to score; "" scores the embedded model.
	Model     string
	SplitSeed uint64
	// KPWrSplitSeed is the seed of the KPWr halves (see KPWrPartOf).
	KPWrSplitSeed uint64
	// KPWrAll scores all of KPWr n82 instead of its held-out half: the
	// figure of models trained on NKJP alone, which never saw KPWr.
	KPWrAll bool
	// Part is the part of NKJP to score: Test for the figures, Dev to look
	// at errors while tuning a model trained with TrainOptions.Dev.
	Part Part
	// KPWrFacilities scores KPWr facilities (nam_fac_*) as places.
	KPWrFacilities bool
	// NKJPNoDerived scores NKJP without its names that begin in
	// lowercase (see TrainOptions.NKJPNoDerived).
	NKJPNoDerived bool
	// Misses lists up to this many missed and spurious spans per corpus.
	Misses int
}

// Run scores a model on NKJP's held-out documents, on KPWr's held-out
// half and on WikiNEuRal, and prints the scores, the tagging throughput,
// the load time and the model size.
func Run(w io.Writer, opts Options) error {
	t, size, load, err := loadModel(opts.Model)
	if err != nil {
		return err
	}
	docs, err := ReadFile(opts.NKJP, NKJPType)
	if err != nil {
		return err
	}
	if opts.NKJPNoDerived {
		docs = WithoutDerived(docs)
	}
	_, dev, test := Split(docs, opts.SplitSeed)
	part, name := test, "held-out"
	if opts.Part == Dev {
		part, name = dev, "dev"
	}
	if opts.NKJPNoDerived {
		name += ", lowercase names left out"
	}
	sets := []struct {
		name string
		docs []Document
	}{{fmt.Sprintf("NKJP %s (%d docs)", name, len(part)), part}}
	if opts.KPWr != "" {
		types, what := KPWrType, "facilities ignored"
		if opts.KPWrFacilities {
			types, what = KPWrFacilityType, "facilities as places"
		}
		kpwr, err := ReadFile(opts.KPWr, types)
		if err != nil {
			return err
		}
		half := "all"
		if !opts.KPWrAll {
			_, kpwr = SplitKPWr(kpwr, opts.KPWrSplitSeed)
			half = "held-out half"
		}
		sets = append(sets, struct {
			name string
			docs []Document
		}{fmt.Sprintf("KPWr n82 %s (%d docs, %s)", half, len(kpwr), what), kpwr})
	}
	if opts.WikiNEuRal != "" {
		wiki, err := ReadWikiNEuRalFile(opts.WikiNEuRal)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "WikiNEuRal-pl test: %d sentences, each its own document; silver labels, PER/ORG/LOC scored as person/organisation/place, MISC ignored\n", len(wiki))
		sets = append(sets, struct {
			name string
			docs []Document
		}{fmt.Sprintf("WikiNEuRal (%d sents)", len(wiki)), wiki})
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\ttype\tgold\tpredicted\tP\tR\tF1\t")
	var tokens, bytesTagged int
	var elapsed time.Duration
	var misses []string
	for _, s := range sets {
		r := Evaluate(t, s.docs)
		tokens += r.Tokens
		bytesTagged += r.Bytes
		elapsed += r.Elapsed
		for _, typ := range ner.Types() {
			row(tw, s.name, typ.String(), r.Scores[typ])
		}
		row(tw, s.name, "micro", r.Scores.Micro())
		if opts.Misses > 0 {
			misses = append(misses, listMisses(t, s.name, s.docs, opts.Misses)...)
		}
	}
	tw.Flush()
	sec := elapsed.Seconds()
	fmt.Fprintf(w, "\ntagging (one goroutine, %d tokens): %.0f tokens/s, %.2f MB/s\n",
		tokens, float64(tokens)/sec, float64(bytesTagged)/sec/1e6)
	fmt.Fprintf(w, "model: %d bytes; load %s (median of 5, dictionary already loaded); heap +%.1f MB\n",
		size, load.Round(100*time.Microsecond), heapOf(opts.Model))
	for _, m := range misses {
		fmt.Fprintln(w, m)
	}
	return nil
}

func row(w io.Writer, set, typ string, c Counts) {
	fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", set, typ, c.TP+c.FN, c.TP+c.FP, c.Precision(), c.Recall(), c.F1())
}

// modelBytes returns the bytes of a model file, or of the embedded model
// (written out again, which gives its exact bytes) when path is "".
func modelBytes(path string) ([]byte, error) {
	if path != "" {
		return os.ReadFile(path)
	}
	t, err := ner.Default()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	_, err = t.WriteTo(&b)
	return b.Bytes(), err
}

// loadModel loads the model to score and times its loading: the median of
// five loads, after the dictionary of package polish is loaded.
func loadModel(path string) (*ner.Tagger, int, time.Duration, error) {
	b, err := modelBytes(path)
	if err != nil {
		return nil, 0, 0, err
	}
	var t *ner.Tagger
	var times []time.Duration
	for range 5 {
		start := time.Now()
		t, err = ner.Load(b)
		if err != nil {
			return nil, 0, 0, err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return t, len(b), times[len(times)/2], nil
}

// heapOf returns the heap, in MB, that one more loaded model holds.
func heapOf(path string) float64 {
	b, err := modelBytes(path)
	if err != nil {
		return 0
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t, err := ner.Load(b)
	if err != nil {
		return 0
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(t)
	runtime.KeepAlive(b) // held in before too
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / 1e6
}

// listMisses returns up to n lines of missed and spurious spans, each
// with its sentence.
func listMisses(t *ner.Tagger, set string, docs []Document, n int) []string {
	var out []string
	for _, d := range docs {
		preds := t.TagDocument(tokensOf(d))
		for si, s := range d.Sentences {
			pred := preds[si]
			for _, g := range s.Spans {
				if !slices.ContainsFunc(pred, func(p ner.Span) bool { return sameSpan(p, g) }) {
					out = append(out, fmt.Sprintf("%s %s MISSED %s [%s]  in: %s", set, d.ID, g.Type, strings.Join(s.Tokens[g.Start:g.End], " "), strings.Join(s.Tokens, " ")))
				}
			}
			for _, p := range pred {
				if !slices.ContainsFunc(s.Spans, func(g ner.Span) bool { return sameSpan(p, g) }) {
					out = append(out, fmt.Sprintf("%s %s SPURIOUS %s [%s] %.1f  in: %s", set, d.ID, p.Type, strings.Join(s.Tokens[p.Start:p.End], " "), p.Score, strings.Join(s.Tokens, " ")))
				}
			}
			if len(out) >= n {
				return out[:n]
			}
		}
	}
	return out
}

func sameSpan(a, b ner.Span) bool { return a.Start == b.Start && a.End == b.End && a.Type == b.Type }
