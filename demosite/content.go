package demosite

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the site's times are Europe/Warsaw, also where the system has no tzdata

	"golang.org/x/text/unicode/norm"
)

// Article is one news item of the sample site, with its answer key.
type Article struct {
	// Outlet is the name of the outlet that publishes the article.
	Outlet string
	// Slug identifies the article within its outlet; it is the content
	// file's name without ".txt".
	Slug string
	// Path is the URL path of the article page on its outlet, e.g.
	// "/aktualnosci/klaster-chemiczny-pierwszy-rok.html". It never changes
	// while the content does not.
	Path string
	// Section is the outlet's section (category) of the article.
	Section string
	// Title is the headline, without any site suffix.
	Title string
	// Lead is the lead paragraph printed under the headline.
	Lead string
	// Author is the byline.
	Author string
	// Published is the publication time, in Europe/Warsaw.
	Published time.Time
	// Paragraphs are the body paragraphs after the lead. The legacy
	// outlet's pages repeat Lead as the first body paragraph; Paragraphs
	// never include that repeat.
	Paragraphs []string

	// People, Institutions and Places are the answer key: the canonical
	// names (nominative, titles removed, as ../shared/data/news-dev defines
	// them) of everything of that kind the title, lead and body mention.
	// Places are listed when named on their own, not only inside an
	// institution's name.
	People, Institutions, Places []string
	// Optional lists borderline names of any kind (departments inside an
	// office, venues, programmes, places named only inside an institution's
	// name) that an extractor may report or not without being wrong.
	Optional []string
	// Visits is the visit answer key of the article (content/visits.jsonl).
	Visits []Visit
}

// Text returns the title, lead and paragraphs of a, separated by blank
// lines: the text the answer key describes.
func (a Article) Text() string {
	parts := append([]string{a.Title, a.Lead}, a.Paragraphs...)
	return strings.Join(parts, "\n\n")
}

// contentRoot is the directory of the embedded content.
const contentRoot = "content"

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// warsaw returns the time zone of the sample site.
func warsaw() (*time.Location, error) {
	loc, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		return nil, fmt.Errorf("load time zone: %w", err)
	}
	return loc, nil
}

// parseError is an error located in a content file.
func parseError(file string, line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
}

// field is one "key: value" line of a header.
type field struct {
	key, value string
	line       int
}

// readHeader reads "key: value" lines from sc up to the first blank line
// or the end, skipping lines that start with "#". It returns the fields
// and the number of the last line read.
func readHeader(file string, sc *bufio.Scanner, line int) ([]field, int, error) {
	var fields []field
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), " \t\r")
		if text == "" {
			if len(fields) == 0 {
				continue // blank lines before a block
			}
			break
		}
		if strings.HasPrefix(text, "#") {
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			return nil, line, parseError(file, line, "want \"key: value\", got %q", text)
		}
		fields = append(fields, field{key: strings.TrimSpace(key), value: strings.TrimSpace(value), line: line})
	}
	if err := sc.Err(); err != nil {
		return nil, line, fmt.Errorf("read %s: %w", file, err)
	}
	return fields, line, nil
}

// splitNames splits a "; "-separated list of names.
func splitNames(file string, line int, value string) ([]string, error) {
	if value == "" {
		return nil, nil
	}
	var names []string
	for n := range strings.SplitSeq(value, ";") {
		n = strings.TrimSpace(n)
		if n == "" {
			return nil, parseError(file, line, "empty name in list %q", value)
		}
		if slices.Contains(names, n) {
			return nil, parseError(file, line, "name %q listed twice", n)
		}
		names = append(names, n)
	}
	return names, nil
}

// parseArticle parses one article file: a header, a blank line, and body
// paragraphs separated by blank lines.
func parseArticle(file string, data []byte, loc *time.Location) (Article, error) {
	var a Article
	if !norm.NFC.IsNormal(data) {
		return a, parseError(file, 1, "text is not in Unicode NFC")
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	fields, line, err := readHeader(file, sc, 0)
	if err != nil {
		return a, err
	}
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.key] {
			return a, parseError(file, f.line, "header %q given twice", f.key)
		}
		seen[f.key] = true
		switch f.key {
		case "outlet":
			a.Outlet = f.value
		case "slug":
			a.Slug = f.value
		case "section":
			a.Section = f.value
		case "title":
			a.Title = f.value
		case "lead":
			a.Lead = f.value
		case "author":
			a.Author = f.value
		case "published":
			t, err := time.ParseInLocation("2006-01-02 15:04", f.value, loc)
			if err != nil {
				return a, parseError(file, f.line, "published: want \"YYYY-MM-DD HH:MM\", got %q", f.value)
			}
			a.Published = t
		case "people", "institutions", "places", "optional":
			names, err := splitNames(file, f.line, f.value)
			if err != nil {
				return a, err
			}
			switch f.key {
			case "people":
				a.People = names
			case "institutions":
				a.Institutions = names
			case "places":
				a.Places = names
			default:
				a.Optional = names
			}
		default:
			return a, parseError(file, f.line, "unknown header %q", f.key)
		}
	}
	for _, key := range []string{"outlet", "slug", "section", "published", "title", "lead", "author", "people", "institutions", "places"} {
		if !seen[key] {
			return a, parseError(file, 1, "missing header %q", key)
		}
	}
	for _, v := range []struct{ key, value string }{{"outlet", a.Outlet}, {"slug", a.Slug}, {"section", a.Section}, {"title", a.Title}, {"lead", a.Lead}, {"author", a.Author}} {
		if v.value == "" {
			return a, parseError(file, 1, "header %q is empty", v.key)
		}
	}
	if !slugPattern.MatchString(a.Slug) {
		return a, parseError(file, 1, "slug %q: want lower-case ASCII words joined by hyphens", a.Slug)
	}

	var para []string
	flush := func() {
		if len(para) > 0 {
			a.Paragraphs = append(a.Paragraphs, strings.Join(para, " "))
			para = para[:0]
		}
	}
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			flush()
			continue
		}
		para = append(para, text)
	}
	if err := sc.Err(); err != nil {
		return a, fmt.Errorf("read %s: %w", file, err)
	}
	flush()
	if len(a.Paragraphs) == 0 {
		return a, parseError(file, line, "no body paragraphs")
	}
	return a, nil
}

// outletSpec is one block of content/outlets.txt.
type outletSpec struct {
	name, title, template, description string
	line                               int
}

// parseOutlets parses content/outlets.txt: blocks of "key: value" lines
// separated by blank lines.
func parseOutlets(file string, data []byte) ([]outletSpec, error) {
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	var specs []outletSpec
	line := 0
	for {
		fields, last, err := readHeader(file, sc, line)
		if err != nil {
			return nil, err
		}
		line = last
		if len(fields) == 0 {
			break
		}
		spec := outletSpec{line: fields[0].line}
		for _, f := range fields {
			switch f.key {
			case "name":
				spec.name = f.value
			case "title":
				spec.title = f.value
			case "template":
				spec.template = f.value
			case "description":
				spec.description = f.value
			default:
				return nil, parseError(file, f.line, "unknown outlet key %q", f.key)
			}
		}
		if !slugPattern.MatchString(spec.name) {
			return nil, parseError(file, spec.line, "outlet name %q: want lower-case ASCII words joined by hyphens", spec.name)
		}
		if spec.title == "" {
			return nil, parseError(file, spec.line, "outlet %q has no title", spec.name)
		}
		specs = append(specs, spec)
	}
	if len(specs) == 0 {
		return nil, parseError(file, line, "no outlets")
	}
	return specs, nil
}

// loadArticles reads every article file of one outlet's directory.
func loadArticles(fsys fs.FS, outlet string, loc *time.Location) ([]Article, error) {
	dir := path.Join(contentRoot, outlet)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read outlet %s: %w", outlet, err)
	}
	var articles []Article
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".txt" {
			continue
		}
		file := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}
		a, err := parseArticle(file, data, loc)
		if err != nil {
			return nil, err
		}
		if a.Outlet != outlet {
			return nil, parseError(file, 1, "outlet %q, but the file is in %s", a.Outlet, dir)
		}
		if want := strings.TrimSuffix(e.Name(), ".txt"); a.Slug != want {
			return nil, parseError(file, 1, "slug %q, want the file name %q", a.Slug, want)
		}
		articles = append(articles, a)
	}
	if len(articles) == 0 {
		return nil, fmt.Errorf("outlet %s: no articles in %s", outlet, dir)
	}
	// Newest first, as every listing shows them.
	slices.SortFunc(articles, func(x, y Article) int {
		if c := y.Published.Compare(x.Published); c != 0 {
			return c
		}
		return strings.Compare(x.Slug, y.Slug)
	})
	return articles, nil
}
