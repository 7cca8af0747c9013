package extracteval

import (
	"bufio"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kronika/kronika/extract"
)

// DefaultTimexDir is the KPWr timex folder, relative to the repository root.
const DefaultTimexDir = "../shared/data/kpwr-timex-pl"

// DatesOptions configures RunDates.
type DatesOptions struct {
	// Dir holds manifest.tsv, timex.tsv and docs/; DefaultTimexDir when empty.
	Dir string
	// Misses lists, per document, the gold values missed and the spurious
	// predicted ones.
	Misses bool
	// Extractor is the extractor to score; a default one when nil.
	Extractor *extract.Extractor
}

// calendarVal matches the gold values this scoring uses: a day, a month,
// a year, an ISO week or a decade (TIMEX3 "2008-05-07", "2008-05",
// "2008", "2008-W19", "199").
var calendarVal = regexp.MustCompile(`^(\d{4}(-\d{2}(-\d{2})?|-W\d{2})?|\d{3})$`)

// RunDates scores the dates the extractor resolves against the gold
// "date" timexes of the KPWr corpus: each document's text goes through
// Extract with the document date as the publication date; a predicted date
// becomes a TIMEX3 value (a day, a whole month as YYYY-MM, a whole year as
// YYYY, a range by its first day) and is matched against the document's
// distinct gold values that are days, months or years. It prints precision, recall
// and F1.
func RunDates(w io.Writer, opts DatesOptions) error {
	dir := opts.Dir
	if dir == "" {
		dir = DefaultTimexDir
	}
	x := opts.Extractor
	if x == nil {
		var err error
		if x, err = extract.New(); err != nil {
			return fmt.Errorf("new extractor: %w", err)
		}
	}
	docs, err := readManifest(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		return err
	}
	gold, err := readTimex(filepath.Join(dir, "timex.tsv"))
	if err != nil {
		return err
	}
	var c Counts
	for _, d := range docs {
		text, err := readCCL(filepath.Join(dir, "docs", d.id+".xml.gz"))
		if err != nil {
			return err
		}
		var pub *time.Time
		if t, err := time.Parse(time.DateOnly, d.date); err == nil {
			pub = &t
		}
		ex := x.Extract(text, pub)
		var predicted []string
		seen := map[string]bool{}
		for _, dm := range ex.Dates {
			for _, v := range timexValues(dm.Start, dm.End) {
				if !seen[v] {
					seen[v] = true
					predicted = append(predicted, v)
				}
			}
		}
		tp, missed, spurious := multisetMatch(gold[d.id], predicted)
		c.TP += tp
		c.FN += len(missed)
		c.FP += len(spurious)
		if opts.Misses && (len(missed) > 0 || len(spurious) > 0) {
			fmt.Fprintf(w, "== %s (%s)\n", d.id, d.date)
			if len(missed) > 0 {
				fmt.Fprintf(w, "  MISSED: %s\n", strings.Join(missed, "; "))
			}
			if len(spurious) > 0 {
				fmt.Fprintf(w, "  SPURIOUS: %s\n", strings.Join(spurious, "; "))
			}
		}
	}
	if opts.Misses {
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "documents: %d\n", len(docs))
	fmt.Fprintf(w, "%-13s%7s%7s%7s%6s%6s%6s\n", "type", "P", "R", "F1", "TP", "FP", "FN")
	fmt.Fprintf(w, "%-13s%7.3f%7.3f%7.3f%6d%6d%6d\n", "dates", c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	return nil
}

// timexValues turns a resolved span into TIMEX3 calendar values: one day,
// a whole month (YYYY-MM), a whole year (YYYY), a Monday-to-Sunday week
// (YYYY-Www, "w przyszłym tygodniu"), a decade (YYY, "w latach 90."), or
// for any other range its first and last day, which KPWr annotates as two
// timexes.
func timexValues(start, end *string) []string {
	if start == nil || *start == "" {
		return nil
	}
	s, err := time.Parse(time.DateOnly, *start)
	if err != nil {
		return nil
	}
	e := s
	if end != nil && *end != "" {
		if e, err = time.Parse(time.DateOnly, *end); err != nil {
			return nil
		}
	}
	switch {
	case s.Equal(e):
		return []string{s.Format(time.DateOnly)}
	case s.Day() == 1 && s.Month() == time.January && e.Year() == s.Year() && e.Month() == time.December && e.Day() == 31:
		return []string{s.Format("2006")}
	case s.Day() == 1 && e.Year() == s.Year() && e.Month() == s.Month() && e.AddDate(0, 0, 1).Day() == 1:
		return []string{s.Format("2006-01")}
	case s.Weekday() == time.Monday && e.Sub(s) == 6*24*time.Hour:
		y, w := s.ISOWeek()
		return []string{fmt.Sprintf("%d-W%02d", y, w)}
	case s.Day() == 1 && s.Month() == time.January && s.Year()%10 == 0 && e.Year() == s.Year()+9 && e.Month() == time.December && e.Day() == 31:
		return []string{s.Format("2006")[:3]}
	case s.Day() == 1 && s.Month() == time.January && e.Month() == time.December && e.Day() == 31:
		return []string{s.Format("2006"), e.Format("2006")}
	case s.Day() == 1 && e.AddDate(0, 0, 1).Day() == 1:
		return []string{s.Format("2006-01"), e.Format("2006-01")}
	}
	return []string{s.Format(time.DateOnly), e.Format(time.DateOnly)}
}

// multisetMatch counts the predicted values found among the gold values,
// each gold value used once.
func multisetMatch(gold, predicted []string) (int, []string, []string) {
	left := map[string]int{}
	for _, g := range gold {
		left[g]++
	}
	tp := 0
	var spurious []string
	for _, p := range predicted {
		if left[p] > 0 {
			left[p]--
			tp++
			continue
		}
		spurious = append(spurious, p)
	}
	var missed []string
	for _, g := range gold {
		if left[g] > 0 {
			left[g]--
			missed = append(missed, g)
		}
	}
	sort.Strings(missed)
	return tp, missed, spurious
}

type timexDoc struct {
	id, date string
}

// readManifest lists the documents that have XML, with their dates.
func readManifest(path string) ([]timexDoc, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	var out []timexDoc
	for _, r := range rows {
		if len(r) < 5 || r[0] == "doc" || r[2] != "yes" {
			continue
		}
		out = append(out, timexDoc{id: r[0], date: r[4]})
	}
	return out, nil
}

// readTimex gives each document's distinct gold date values that are
// days, months or years, counting the date part of "time" timexes
// (6.03.2010 r. godz. 10.00) too. A value repeated in a document counts once, as
// the extractor lists each date once.
func readTimex(path string) (map[string][]string, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, r := range rows {
		if len(r) < 8 || r[0] == "doc" || r[4] != "date" && r[4] != "time" {
			continue
		}
		v := r[7]
		if r[4] == "time" {
			// a date with a time of day: its date part (2010-03-06T10:00)
			day, _, ok := strings.Cut(v, "T")
			if !ok {
				continue
			}
			v = day
		}
		if calendarVal.MatchString(v) && !slices.Contains(out[r[0]], v) {
			out[r[0]] = append(out[r[0]], v)
		}
	}
	return out, nil
}

func readTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	return rows, nil
}

// readCCL rebuilds the plain text of a gzipped CCL document: tokens joined
// by spaces except where <ns/> says otherwise, sentences in a chunk on one
// paragraph, chunks separated by blank lines.
func readCCL(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open document: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	dec := xml.NewDecoder(io.LimitReader(zr, 64<<20))
	dec.Strict = false
	var b strings.Builder
	var inOrth, noSpace, first bool
	first = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "chunk":
				if !first {
					b.WriteString("\n\n")
					noSpace = true
				}
			case "orth":
				inOrth = true
				if !first && !noSpace {
					b.WriteByte(' ')
				}
				first, noSpace = false, false
			case "ns":
				noSpace = true
			}
		case xml.EndElement:
			if t.Name.Local == "orth" {
				inOrth = false
			}
		case xml.CharData:
			if inOrth {
				b.Write(t)
			}
		}
	}
	return b.String(), nil
}
