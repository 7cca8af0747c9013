package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// wordListPackage is the npm package whose word lists rank lemmas and
// mark names: a frequency-ranked list of Polish words (from OpenSubtitles
// through hermitdave/FrequencyWords, MIT) and the first names and surnames
// of the PESEL register (public data through oskar-gmerek/polish_database,
// MIT). The package is MIT-licensed.
const wordListPackage = "@zxcvbn-ts/language-pl@3.0.2"

// wordLists holds the lists the generator uses, lowercased.
type wordLists struct {
	common     []string // most frequent first
	firstNames map[string]bool
	surnames   map[string]bool
}

// fetchLists reads the lists from the package tarball at path, or fetches
// the package with `npm pack` when path is empty.
func fetchLists(path string) (*wordLists, error) {
	if path == "" {
		dir, err := os.MkdirTemp("", "kronika-gen")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, wordListPackage)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("npm pack %s: %w (install npm, or pass -wordlists)", wordListPackage, err)
		}
		path = filepath.Join(dir, strings.TrimSpace(string(out)))
		log.Printf("gen: fetched %s", wordListPackage)
	}
	files, err := readTarball(path)
	if err != nil {
		return nil, err
	}
	get := func(name string) ([]string, error) {
		b, ok := files["package/dist/"+name+".json.js"]
		if !ok {
			return nil, fmt.Errorf("%s: no list %s", path, name)
		}
		return parseJSList(b)
	}
	wl := &wordLists{firstNames: map[string]bool{}, surnames: map[string]bool{}}
	if wl.common, err = get("commonWords"); err != nil {
		return nil, err
	}
	for name, set := range map[string]map[string]bool{
		"maleFirstnames": wl.firstNames, "femaleFirstnames": wl.firstNames,
		"maleLastnames": wl.surnames, "femaleLastnames": wl.surnames,
	} {
		words, err := get(name)
		if err != nil {
			return nil, err
		}
		for _, w := range words {
			set[w] = true
		}
	}
	return wl, nil
}

func readTarball(path string) (map[string][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open word lists: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read word lists: %w", err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read word lists: %w", err)
		}
		if strings.HasSuffix(h.Name, ".json.js") {
			b, err := io.ReadAll(io.LimitReader(tr, 8<<20))
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", h.Name, err)
			}
			files[h.Name] = b
		}
	}
}

// parseJSList extracts the comma-separated words of the one string
// literal in a CommonJS list module: var x = "a,b,c".split(',').
func parseJSList(b []byte) ([]string, error) {
	i := bytes.IndexByte(b, '"')
	if i < 0 {
		return nil, errors.New("no string literal")
	}
	j := bytes.IndexByte(b[i+1:], '"')
	if j < 0 {
		return nil, errors.New("unterminated string literal")
	}
	var out []string
	for w := range strings.SplitSeq(string(b[i+1:i+1+j]), ",") {
		if w = strings.TrimSpace(strings.ToLower(w)); w != "" {
			out = append(out, w)
		}
	}
	return out, nil
}
