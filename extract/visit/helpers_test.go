package visit

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kronika/kronika/news"
)

// extraction builds the extraction a test sentence stands on, so that
// the tests do not change when the entity rules do. spec lists entities
// and dates separated by ";":
//
//	P Name = mention | mention # role # role   a person
//	I Name = mention | mention                 an institution
//	L Name = mention                           a place
//	D text = 2020-05-12..2020-05-13 day        a date and its precision
func extraction(t *testing.T, spec string) news.Extraction {
	t.Helper()
	var ex news.Extraction
	for item := range strings.SplitSeq(spec, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		kind, rest, ok := strings.Cut(item, " ")
		if !ok {
			t.Fatalf("bad entity %q", item)
		}
		head, tail, _ := strings.Cut(rest, "=")
		name := strings.TrimSpace(head)
		parts := strings.Split(tail, "#")
		var ments []string
		for m := range strings.SplitSeq(parts[0], "|") {
			if m = strings.TrimSpace(m); m != "" {
				ments = append(ments, m)
			}
		}
		switch kind {
		case "P":
			var roles []string
			for _, r := range parts[1:] {
				roles = append(roles, strings.TrimSpace(r))
			}
			ex.People = append(ex.People, news.Person{Name: name, Mentions: ments, Roles: roles})
		case "I":
			ex.Institutions = append(ex.Institutions, news.Institution{Name: name, Mentions: ments})
		case "L":
			ex.Places = append(ex.Places, news.Place{Name: name, Mentions: ments})
		case "D":
			span, prec, _ := strings.Cut(strings.TrimSpace(tail), " ")
			s, e, _ := strings.Cut(span, "..")
			if e == "" {
				e = s
			}
			ex.Dates = append(ex.Dates, news.DateMention{Text: name, Start: &s, End: &e, Precision: prec})
		default:
			t.Fatalf("bad entity kind in %q", item)
		}
	}
	ex.Normalize()
	return ex
}

// describe writes a visit the way the table tests expect it:
// "visit V=a,b from=X H=c @P 2020-01-01..2020-01-02 planned".
func describe(v news.Visit) string {
	s := fmt.Sprintf("%s V=%s from=%s H=%s @%s %s..%s", v.Kind, strings.Join(v.Visitors, ","),
		deref(v.VisitorFrom), strings.Join(v.Hosts, ","), deref(v.Place), deref(v.Start), deref(v.End))
	if v.Status != news.StatusReported {
		s += " " + v.Status
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// day parses a publication day, "" for none.
func day(t *testing.T, s string) *time.Time {
	t.Helper()
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}
