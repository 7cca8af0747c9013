package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is a site-profile file: the crawler's settings and the sites to
// crawl. sites.example.yaml at the repository root documents every field.
type Config struct {
	Crawler Settings `yaml:"crawler"`
	Sites   []Site   `yaml:"sites"`

	file         string
	siteLines    []int          // line of each site in the file
	settingLines map[string]int // line of each crawler setting, by its YAML name
}

// Settings are the crawler-wide settings of a Config. Zero values mean
// the crawler's defaults.
type Settings struct {
	// UserAgent names the crawler; Contact (an e-mail address or URL) is
	// added to it so that site owners can reach the operator.
	UserAgent string `yaml:"user_agent"`
	Contact   string `yaml:"contact"`
	// Rate is the default requests per second per host; Concurrency the
	// default parallel requests per host.
	Rate        float64 `yaml:"rate"`
	Concurrency int     `yaml:"concurrency"`
	// Timeout bounds a whole request; ConnectTimeout connecting and the
	// TLS handshake.
	Timeout        time.Duration `yaml:"timeout"`
	ConnectTimeout time.Duration `yaml:"connect_timeout"`
	// MaxBody caps a page's size, e.g. "8MiB".
	MaxBody ByteSize `yaml:"max_body"`
	// Retries is how often a failed fetch is retried; nil means 2.
	Retries *int `yaml:"retries"`
	// IgnoreRobots turns robots.txt off: only for sites one owns.
	IgnoreRobots bool `yaml:"ignore_robots"`
	// AllowPrivate lets the crawler reach any private address.
	AllowPrivate bool `yaml:"allow_private"`
	// RecrawlInterval is how long incremental runs leave a known article
	// alone.
	RecrawlInterval time.Duration `yaml:"recrawl_interval"`
	// TimeZone is that of dates pages print without one (default
	// Europe/Warsaw).
	TimeZone string `yaml:"time_zone"`
	// MinFreeSpace is the free space the crawl keeps on the data
	// directory's disk: it stops before a batch when less is left
	// (default DefaultMinFreeSpace).
	MinFreeSpace ByteSize `yaml:"min_free_space,omitempty"`
}

// ByteSize is a size in bytes, written in YAML as a number or with a unit:
// "512KiB", "8MiB", "1GB".
type ByteSize int64

// sizeUnits are the units of a ByteSize, binary ones first so that String
// prefers them.
var sizeUnits = []struct {
	suffix string
	mult   int64
}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"TB", 1e12}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// ParseByteSize reads a size with an optional unit. A size past what an
// int64 holds is an error, not a wrapped-around value.
func ParseByteSize(text string) (ByteSize, error) {
	s := strings.TrimSpace(text)
	mult := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(s, "-") || err == nil && v > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is too large a size", text)
	}
	if err != nil || v < 0 {
		return 0, fmt.Errorf("%q is not a size such as 8MiB", text)
	}
	return ByteSize(v * mult), nil
}

// UnmarshalYAML reads a size with an optional unit.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseByteSize(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*b = v
	return nil
}

// String writes the size with the largest binary unit that divides it.
func (b ByteSize) String() string {
	for _, u := range sizeUnits[:4] {
		if b != 0 && b%ByteSize(u.mult) == 0 {
			return fmt.Sprintf("%d%s", b/ByteSize(u.mult), u.suffix)
		}
	}
	return fmt.Sprintf("%dB", int64(b))
}

// ConfigError is a problem in a site-profile file, with where it is.
type ConfigError struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

// Error says what is wrong and where.
func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// LoadConfig reads and validates a site-profile file.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &ConfigError{File: path, Msg: err.Error()}
	}
	return ParseConfig(data, path)
}

// ParseConfig reads and validates a site-profile file's contents; name is
// used in error messages. Unknown fields are errors, so that a typo does
// not silently leave a setting out.
func ParseConfig(data []byte, name string) (*Config, error) {
	c := &Config{file: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ConfigError{File: name, Msg: "the file is empty; it needs a sites: list"}
		}
		return nil, yamlError(name, err)
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil {
		c.siteLines, c.settingLines = siteLines(&root), settingLines(&root)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// yamlLine matches the position the YAML decoder puts in its messages.
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlError turns a YAML decoding error into a ConfigError with the line
// of its first problem.
func yamlError(file string, err error) error {
	msgs := []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msgs = te.Errors
	}
	msg := strings.TrimSpace(msgs[0])
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	// Go type names mean nothing to whoever edits the file.
	msg = typeName.ReplaceAllString(msg, "")
	if len(msgs) > 1 {
		msg += fmt.Sprintf(" (and %d more problems)", len(msgs)-1)
	}
	return &ConfigError{File: file, Line: line, Msg: msg}
}

var typeName = regexp.MustCompile(` in type [\w.]+`)

// siteLines finds the line of each entry of the sites list.
func siteLines(root *yaml.Node) []int {
	var out []int
	if n := topLevel(root, "sites"); n != nil && n.Kind == yaml.SequenceNode {
		for _, site := range n.Content {
			out = append(out, site.Line)
		}
	}
	return out
}

// settingLines finds the line of each key of the crawler settings.
func settingLines(root *yaml.Node) map[string]int {
	out := map[string]int{}
	if n := topLevel(root, "crawler"); n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			out[n.Content[i].Value] = n.Content[i].Line
		}
	}
	return out
}

// topLevel returns the value of a key of the document's top mapping.
func topLevel(root *yaml.Node, key string) *yaml.Node {
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return root.Content[i+1]
		}
	}
	return nil
}

// Validate reports the first problem of the configuration.
func (c *Config) Validate() error {
	errorf := func(line int, format string, args ...any) error {
		return &ConfigError{File: c.file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	if err := c.Crawler.Validate(); err != nil {
		var se *SettingError
		line := 0
		if errors.As(err, &se) {
			line = c.settingLines[strings.TrimPrefix(se.Name, "crawler.")]
		}
		return errorf(line, "%v", err)
	}
	if len(c.Sites) == 0 {
		return errorf(0, "no sites: the file needs a sites: list with at least one site")
	}
	names := map[string]bool{}
	for i := range c.Sites {
		line := 0
		if i < len(c.siteLines) {
			line = c.siteLines[i]
		}
		site := &c.Sites[i]
		site.Name = strings.TrimSpace(site.Name)
		if site.Name == "" {
			return errorf(line, "site %d has no name; every site needs a unique name", i+1)
		}
		if names[site.Name] {
			return errorf(line, "site name %q is used twice", site.Name)
		}
		names[site.Name] = true
		if err := site.validateLimits(); err != nil {
			return errorf(line, "site %q: %v", site.Name, err)
		}
		if err := site.Validate(); err != nil {
			return errorf(line, "site %q: %v", site.Name, err)
		}
	}
	return nil
}

// Site returns the site with the given name.
func (c *Config) Site(name string) (Site, bool) {
	for _, s := range c.Sites {
		if s.Name == name {
			return s, true
		}
	}
	return Site{}, false
}

// Names returns the sites' names in file order.
func (c *Config) Names() []string {
	out := make([]string, len(c.Sites))
	for i, s := range c.Sites {
		out[i] = s.Name
	}
	return out
}

// UserAgentString returns the configured User-Agent with the contact
// added.
func (s Settings) UserAgentString() string {
	ua := s.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	if s.Contact != "" && !strings.Contains(ua, s.Contact) {
		if strings.HasSuffix(ua, ")") {
			ua = strings.TrimSuffix(ua, ")") + "; " + s.Contact + ")"
		} else {
			ua += " (" + s.Contact + ")"
		}
	}
	return ua
}

// Options returns the crawler options of the settings.
func (s Settings) Options() ([]Option, error) {
	opts := []Option{WithUserAgent(s.UserAgentString()), WithIgnoreRobots(s.IgnoreRobots), WithAllowPrivate(s.AllowPrivate)}
	if s.Rate > 0 {
		opts = append(opts, WithRate(s.Rate))
	}
	if s.Concurrency > 0 {
		opts = append(opts, WithConcurrency(s.Concurrency))
	}
	if s.Timeout > 0 {
		opts = append(opts, WithTimeout(s.Timeout))
	}
	if s.ConnectTimeout > 0 {
		opts = append(opts, WithConnectTimeout(s.ConnectTimeout))
	}
	if s.MaxBody > 0 {
		opts = append(opts, WithMaxBody(int64(s.MaxBody)))
	}
	if s.Retries != nil {
		opts = append(opts, WithRetries(*s.Retries))
	}
	if s.RecrawlInterval > 0 {
		opts = append(opts, WithRecrawlInterval(s.RecrawlInterval))
	}
	if s.MinFreeSpace > 0 {
		opts = append(opts, WithMinFreeSpace(int64(s.MinFreeSpace)))
	}
	if s.TimeZone != "" {
		loc, err := time.LoadLocation(s.TimeZone)
		if err != nil {
			return nil, fmt.Errorf("time zone %q: %w", s.TimeZone, err)
		}
		opts = append(opts, WithLocation(loc))
	}
	return opts, nil
}
