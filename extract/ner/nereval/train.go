package nereval

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kronika/kronika/extract/ner"
)

// TrainOptions sets up TrainModel.
type TrainOptions struct {
	NKJP string // the NKJP1M IOB file (.iob or .iob.gz)
	// KPWr is the KPWr n82 IOB file whose training half (KPWrPartOf) the
	// tagger learns from too, through KPWrType (KPWrFacilityType with
	// KPWrFacilities); "" trains on NKJP alone. The held-out half is
	// never learnt from.
	KPWr           string
	KPWrFacilities bool
	// KPWrSplitSeed is the seed of the KPWr halves.
	KPWrSplitSeed uint64
	// KPWrRepeat is how many times each KPWr training document is given
	// in an epoch (default 1).
	KPWrRepeat int
	Out        string // where to write the model; "" writes none
	Seed       uint64 // order of the examples in each epoch
	SplitSeed  uint64 // the document split; see PartOf
	Epochs     int
	MinCount   int     // see ner.TrainOptions
	Dropout    float64 // see ner.TrainOptions
	Gazetteer  bool    // see ner.TrainOptions
	// NKJPNoDerived leaves out of NKJP's training names those that begin
	// with a lowercase letter: the adjectives NKJP marks with the type of
	// the name they derive from (polskiej, warszawskim), which KPWr and
	// WikiNEuRal do not mark and the extractor drops.
	NKJPNoDerived bool
	// Dev trains on the Train part alone and scores the Dev part after
	// every epoch, for choosing features and epochs. Without it the model
	// trains on Train and Dev together. The Test part is never read.
	Dev bool
}

// TrainModel trains a tagger on NKJP as opts say, reports the data, the
// time and (with Dev) the development scores on w, and writes the model.
func TrainModel(ctx context.Context, w io.Writer, opts TrainOptions) error {
	docs, err := ReadFile(opts.NKJP, NKJPType)
	if err != nil {
		return err
	}
	if opts.NKJPNoDerived {
		docs = WithoutDerived(docs)
	}
	train, dev, _ := Split(docs, opts.SplitSeed)
	if !opts.Dev {
		train = append(train, dev...)
		dev = nil
	}
	examples := Examples(train)
	fmt.Fprintf(w, "training on %d NKJP documents, %d sentences, %d tokens (split seed %d, seed %d)\n",
		len(train), len(examples), countTokens(examples), opts.SplitSeed, opts.Seed)
	if opts.KPWr != "" {
		types := KPWrType
		if opts.KPWrFacilities {
			types = KPWrFacilityType
		}
		kpwr, err := ReadFile(opts.KPWr, types)
		if err != nil {
			return err
		}
		kt, _ := SplitKPWr(kpwr, opts.KPWrSplitSeed)
		ke := Examples(kt)
		fmt.Fprintf(w, "and on the KPWr n82 training half: %d documents, %d sentences, %d tokens (KPWr split seed %d) × %d\n",
			len(kt), len(ke), countTokens(ke), opts.KPWrSplitSeed, max(opts.KPWrRepeat, 1))
		for range max(opts.KPWrRepeat, 1) {
			train = append(train, kt...)
		}
	}
	to := ner.TrainOptions{Epochs: opts.Epochs, Seed: opts.Seed, MinCount: opts.MinCount, Dropout: opts.Dropout, Gazetteer: opts.Gazetteer}
	if opts.Dev {
		fmt.Fprintf(w, "dev: %d documents\n", len(dev))
		to.AfterEpoch = func(epoch int, t *ner.Tagger) {
			r := Evaluate(t, dev)
			fmt.Fprintf(w, "epoch %2d  dev F1 %s\n", epoch, summary(&r.Scores))
		}
	}
	start := time.Now()
	t, err := ner.Train(ctx, sentencesOf(train), to)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	var b bytes.Buffer
	if _, err := t.WriteTo(&b); err != nil {
		return err
	}
	fmt.Fprintf(w, "trained in %s; model %d bytes\n", elapsed.Round(100*time.Millisecond), b.Len())
	if opts.Out == "" {
		return nil
	}
	return writeFileAtomic(opts.Out, b.Bytes())
}

// summary prints the F1 of each type and the micro-average.
func summary(s *Scores) string {
	out := ""
	for _, t := range ner.Types() {
		out += fmt.Sprintf("%s %.4f  ", t, s[t].F1())
	}
	return out + fmt.Sprintf("micro %.4f", s.Micro().F1())
}

func countTokens(examples []ner.Example) int {
	n := 0
	for _, e := range examples {
		n += len(e.Tokens)
	}
	return n
}

// writeFileAtomic writes b to path through a temporary file in the same
// folder, so that a failed run leaves the old model whole.
func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".model-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// sentencesOf returns the sentences of each document.
func sentencesOf(docs []Document) [][]ner.Example {
	out := make([][]ner.Example, len(docs))
	for i, d := range docs {
		out[i] = d.Sentences
	}
	return out
}
