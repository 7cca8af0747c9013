package nereval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kronika/kronika/extract/ner"
)

// Document is one document of a corpus: its identifier and its sentences
// with their names.
type Document struct {
	ID        string
	Sentences []ner.Example
	// Nested holds, per sentence, the names of a mapped type nested
	// inside another name (NKJP's place inside an organisation: Płocka in
	// Urzędu Miasta Płocka), nil when a sentence has none. The tagger
	// learns outer names only; an evaluation of the extractor may count a
	// nested name as neither found nor missed.
	Nested [][]ner.Span
}

// TypeMap maps the type of an IOB label (the part after B- or I-, of the
// outer label when nested labels are joined with #) to a ner.Type, or to
// ner.None to ignore it.
type TypeMap func(label string) ner.Type

// NKJPType is the type map of NKJP1M; see the package documentation.
func NKJPType(label string) ner.Type {
	switch {
	case label == "persName":
		return ner.Person
	case label == "orgName":
		return ner.Organization
	case label == "placeName" || strings.HasPrefix(label, "placeName-") || label == "geogName":
		return ner.Place
	}
	return ner.None
}

// KPWrType is the type map of KPWr n82 without facilities.
func KPWrType(label string) ner.Type {
	switch {
	case label == "nam_liv_person":
		return ner.Person
	case label == "nam_org_nation":
		return ner.None
	case strings.HasPrefix(label, "nam_org_"):
		return ner.Organization
	case label == "nam_loc" || strings.HasPrefix(label, "nam_loc_"):
		return ner.Place
	}
	return ner.None
}

// KPWrFacilityType is KPWrType with facilities (nam_fac_*) as places.
func KPWrFacilityType(label string) ner.Type {
	if strings.HasPrefix(label, "nam_fac_") {
		return ner.Place
	}
	return KPWrType(label)
}

// WithoutDerived returns docs without the names whose first letter is
// lowercase: in NKJP, the adjectives derived from names (polskiej,
// warszawskim, europejskiej), which carry the type of the name they come
// from. The documents are copied; docs is not changed.
func WithoutDerived(docs []Document) []Document {
	out := make([]Document, len(docs))
	for i, d := range docs {
		d.Sentences = slices.Clone(d.Sentences)
		for j, s := range d.Sentences {
			s.Spans = slices.DeleteFunc(slices.Clone(s.Spans), func(sp ner.Span) bool {
				r, _ := utf8.DecodeRuneInString(s.Tokens[sp.Start])
				return unicode.IsLower(r)
			})
			d.Sentences[j] = s
		}
		out[i] = d
	}
	return out
}

// ReadFile reads an IOB corpus file, gzipped when its name ends in .gz.
func ReadFile(path string, types TypeMap) ([]Document, error) {
	return readCorpusFile(path, func(r io.Reader) ([]Document, error) { return ReadIOB(r, types) })
}

// readCorpusFile reads the corpus file at path with read, through gzip
// when its name ends in .gz.
func readCorpusFile(path string, read func(io.Reader) ([]Document, error)) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	docs, err := read(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return docs, nil
}

// ReadIOB reads a corpus in the IOB format of PolDeepNer: "-DOCSTART FILE
// id" opens a document, a blank line ends a sentence, and a token line is
// "orth TAB base TAB ctag TAB label". Only orth and label are read: base
// and ctag come from a tagger, which a caller of ner will not have.
// Tokens before the first DOCSTART belong to a document with an empty ID.
func ReadIOB(r io.Reader, types TypeMap) ([]Document, error) {
	var docs []Document
	var sent sentenceBuilder
	flush := func() {
		if len(sent.tokens) == 0 {
			return
		}
		if len(docs) == 0 {
			docs = append(docs, Document{})
		}
		d := &docs[len(docs)-1]
		if len(sent.inner) > 0 {
			for len(d.Nested) < len(d.Sentences) {
				d.Nested = append(d.Nested, nil)
			}
			d.Nested = append(d.Nested, sent.inner)
		}
		d.Sentences = append(d.Sentences, sent.example())
		sent = sentenceBuilder{}
	}
	err := eachLine(r, func(line int, b []byte) error {
		switch {
		case len(bytes.TrimSpace(b)) == 0:
			flush()
		case bytes.HasPrefix(b, []byte("-DOCSTART")):
			flush()
			if id, ok := bytes.CutPrefix(b, []byte("-DOCSTART FILE ")); ok {
				docs = append(docs, Document{ID: strings.TrimPrefix(string(id), "./")})
			}
		default:
			fields := strings.Split(string(b), "\t")
			if len(fields) < 2 || fields[0] == "" {
				return fmt.Errorf("line %d: want orth, base, ctag and label separated by tabs", line)
			}
			sent.add(fields[0], fields[len(fields)-1], types)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	return docs, nil
}

// eachLine calls f with each line of r (without its end) and its number
// from 1, until f returns an error.
func eachLine(r io.Reader, f func(line int, b []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if err := f(line, sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// sentenceBuilder gathers the tokens and names of one sentence.
type sentenceBuilder struct {
	tokens []string
	spans  []ner.Span
	open   string // the raw outer type of the name that may go on, or ""
	inner  []ner.Span
	openIn string // the raw type of the nested name that may go on, or ""
}

// add appends a token and its IOB label. Of nested labels joined with
// #, the first is the outer one and the second a name nested in it. An
// I- label that does not continue a name of the same raw type opens a new
// one, as B- would.
func (s *sentenceBuilder) add(tok, label string, types TypeMap) {
	i := len(s.tokens)
	s.tokens = append(s.tokens, tok)
	outer, nested, _ := strings.Cut(label, "#")
	nested, _, _ = strings.Cut(nested, "#")
	s.spans, s.open = extend(s.spans, s.open, outer, i, types)
	s.inner, s.openIn = extend(s.inner, s.openIn, nested, i, types)
}

// extend reads the IOB label of token i into spans, where open is the
// raw type of the name that may go on, and returns both updated.
func extend(spans []ner.Span, open, label string, i int, types TypeMap) ([]ner.Span, string) {
	prefix, raw, ok := strings.Cut(label, "-")
	if !ok || (prefix != "B" && prefix != "I") {
		return spans, ""
	}
	if prefix == "I" && raw == open && len(spans) > 0 && spans[len(spans)-1].End == i {
		spans[len(spans)-1].End = i + 1
		return spans, open
	}
	t := types(raw)
	if t == ner.None {
		return spans, ""
	}
	return append(spans, ner.Span{Start: i, End: i + 1, Type: t}), raw
}

func (s *sentenceBuilder) example() ner.Example {
	return ner.Example{Tokens: s.tokens, Spans: s.spans}
}
